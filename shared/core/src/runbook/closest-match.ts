/** Levenshtein distance; small inputs only (names, flags, keys). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate nearest to `name`, if it is near enough to be a plausible typo
 * (a third of the name's length, at least 2 edits), else undefined.
 */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const tolerance = Math.max(2, Math.floor(wanted.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}

/** The hint naming the likely intended word: "did you mean `x`?". */
export function didYouMean(near: string): string {
  return `did you mean \`${near}\`?`;
}

/** The word a "did you mean `x`?" hint suggests (for a quick fix), else undefined. */
export function suggestedByHint(hint: string | undefined): string | undefined {
  return hint ? /^did you mean `([^`]+)`\?$/.exec(hint)?.[1] : undefined;
}

/** A sentence for a hint: "did you mean `x`?" when something is close, else the choices (truncated). */
export function suggestion(name: string, candidates: readonly string[], what = 'one of'): string {
  const near = closestMatch(name, candidates);
  if (near !== undefined) return didYouMean(near);
  if (candidates.length === 0) return 'there is none to choose from.';
  const shown = candidates
    .slice(0, 12)
    .map((c) => `\`${c}\``)
    .join(', ');
  const more = candidates.length > 12 ? `, … (${candidates.length} in all)` : '';
  return `expected ${what} ${shown}${more}.`;
}
