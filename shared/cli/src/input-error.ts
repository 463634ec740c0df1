/**
 * Bad input the operator can fix (a repeated param, a runbook path that is not a file): printed
 * as the problem and its fix, without the usage text, and `switchyard run` exits 2 (invalid
 * runbook or params) before anything is recorded or sent.
 */
export class InputError extends Error {
  constructor(
    /** What is wrong, naming the file or flag. */
    readonly problem: string,
    /** What to do about it. */
    readonly fix: string,
  ) {
    super(`${problem}\n  hint: ${fix}`);
    this.name = 'InputError';
  }
}
