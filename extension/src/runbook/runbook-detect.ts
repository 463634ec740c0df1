/**
 * The cheap test run on every markdown document before anything heavier: the core's parser and
 * validator run only on files that look like runbooks (front matter with a title or params, or an
 * executable fence), so opening a README costs nothing. A run exported as markdown keeps the
 * runbook's text but is a record, not a runbook: its front matter carries `switchyard-run:`.
 */
export const EXPORT_MARKER = 'switchyard-run';

const EXECUTABLE_FENCE = /^ {0,3}(`{3,}|~{3,})\s*(aws|wait|check|approve|sql|sh|http)\b/m;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/;

export function looksLikeRunbook(text: string): boolean {
  const front = FRONT_MATTER.exec(text.slice(0, 20_000));
  if (front && new RegExp(`^${EXPORT_MARKER}:`, 'm').test(front[1])) return false;
  if (front && /^(title|params|locks):/m.test(front[1])) return true;
  return EXECUTABLE_FENCE.test(text);
}
