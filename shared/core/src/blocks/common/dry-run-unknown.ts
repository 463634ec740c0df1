/**
 * In a dry run, changes are previewed, not made: a later value that reads what they would have made
 * (the switchover's "completed" event, say) cannot be known. Such a value is this marker, not an
 * error, so the dry run previews every step to the end and says which inputs it could not know.
 */
const OPEN = '‹not known before the real run: ';
const CLOSE = '›';

/** The value an output takes in a dry run when it cannot be evaluated because earlier changes were only previewed. */
export function unknownBeforeRealRun(name: string): string {
  return `${OPEN}${name}${CLOSE}`;
}

/** The names of the unknown values anywhere in `value` (a rendered call's input, say). */
export function unknownsIn(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(/‹not known before the real run: ([^›]*)›/g)) found.add(m[1]);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return [...found];
}

/** Whether a step before this one previewed a change instead of making it (its block output says so). */
export function changeWasPreviewed(steps: ReadonlyArray<{ blockOutputs: unknown[] }>): boolean {
  return steps.some((s) => s.blockOutputs.some((o) => typeof o === 'object' && o !== null && 'dryRun' in o && 'operation' in o));
}
