/**
 * What an `sh` block's process inherits from the runner: an allow-list of harmless basics. AWS
 * credentials, tokens, passwords and every other variable of the runner stay out; a value the
 * script needs comes in as a param (`SWITCHYARD_PARAM_<NAME>`) or a template.
 */
export const INHERITED_SHELL_VARIABLES = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TMPDIR', 'TERM'] as const;
const INHERITED_PATTERNS = [/^LC_[A-Z]+$/];

/** The allowed part of the runner's environment. */
export function inheritedShellEnv(parent: NodeJS.ProcessEnv): Record<string, string> {
  const allowed = new Set<string>(INHERITED_SHELL_VARIABLES);
  return Object.fromEntries(
    Object.entries(parent).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && (allowed.has(entry[0]) || INHERITED_PATTERNS.some((p) => p.test(entry[0]))),
    ),
  );
}

/** Variables a block may set for its script: its own `SWITCHYARD_*` ones, nothing that changes how bash or the loader behave. */
export function isBlockShellVariable(name: string): boolean {
  return /^SWITCHYARD_[A-Z0-9_]+$/.test(name);
}
