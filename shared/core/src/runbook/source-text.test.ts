import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseRunbook } from './parse-runbook';
import { normalizeSource } from './source-text';

const FIXTURES = path.resolve(__dirname, '../../test-fixtures');
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
/** What a Windows checkout writes: CRLF line ends, and a UTF-8 byte order mark from some editors. */
const windows = (text: string) => `\ufeff${text.replace(/\n/g, '\r\n')}`;
const where = (source: string) =>
  parseRunbook('rb.md', source).diagnostics.map(({ line, column, code, severity }) => ({ line, column, code, severity }));

describe('runbooks saved on Windows (CRLF line ends, a UTF-8 BOM)', () => {
  it.each([
    ['CRLF', (t: string) => t.replace(/\n/g, '\r\n')],
    ['a BOM', (t: string) => `\ufeff${t}`],
    ['both', windows],
  ])('a valid runbook with %s is valid, with the same model and positions', (_, save) => {
    const unix = parseRunbook('rb.md', read('valid/failover.md'));
    const saved = parseRunbook('rb.md', save(read('valid/failover.md')));
    expect(saved.diagnostics).toEqual([]);
    const { source: _unixSource, ...unixModel } = unix.runbook!;
    const { source: _savedSource, ...savedModel } = saved.runbook!;
    expect(savedModel).toEqual(unixModel);
  });

  it.each(['cel-syntax.md', 'aws-unknown-flag.md', 'front-matter-yaml.md', 'param-wrong-default.md'])(
    'a malformed runbook (%s) reports the same error at the same line:col',
    (name) => {
      const unix = where(read(`malformed/${name}`));
      expect(unix.some((d) => d.severity === 'error')).toBe(true);
      expect(where(windows(read(`malformed/${name}`)))).toEqual(unix);
    },
  );

  it('accepts old Mac line ends (a lone CR) too, as markdown does', () => {
    const saved = read('valid/failover.md').replace(/\n/g, '\r');
    expect(parseRunbook('rb.md', saved).diagnostics).toEqual([]);
    expect(normalizeSource('\ufeffa\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(normalizeSource('a \ufeff b')).toBe('a \ufeff b');
  });
});
