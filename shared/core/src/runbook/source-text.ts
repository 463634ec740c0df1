/**
 * The text of a runbook as the parser reads it: without a UTF-8 byte order mark and with `\n`
 * line ends. A Windows checkout (git's `core.autocrlf`, Notepad) writes `\r\n` and sometimes a
 * BOM; neither changes a line number, and editors do not count the BOM as a column, so every
 * position reported on the normalized text is the position in the file as saved.
 */
export function normalizeSource(source: string): string {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}
