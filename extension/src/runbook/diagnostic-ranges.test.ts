import { validateRunbook } from '@switchyard/core';
import { shippedRunbook } from '../testing/runbooks';
import { placeDiagnostics } from './diagnostic-ranges';

describe('placeDiagnostics', () => {
  it('puts a misspelled flag’s error on exactly that flag, with the validator’s hint', () => {
    const source = shippedRunbook('failover.md').replace('--target-db-instance-identifier', '--target-db-instance-identifer');
    const lines = source.split('\n');
    const placed = placeDiagnostics(validateRunbook('runbooks/failover.md', source), lines);
    const unknown = placed.find((d) => d.code === 'unknown-flag');
    expect(unknown).toBeDefined();
    expect(lines[unknown!.line].slice(unknown!.startColumn, unknown!.endColumn)).toBe('--target-db-instance-identifer');
    expect(unknown!.message).toMatch(
      /^unknown flag `--target-db-instance-identifer`.*\nhint: did you mean `--target-db-instance-identifier`/s,
    );
    expect(unknown!.severity).toBe('error');
  });

  it('spans a whole template and keeps positions inside the document', () => {
    const lines = ['x {{ steps.nope.output }} y', ''];
    const [template, beyond] = placeDiagnostics(
      [
        { file: 'f', line: 1, column: 3, severity: 'error', code: 'c', message: 'm' },
        { file: 'f', line: 9, column: 50, severity: 'warning', code: 'c', message: 'm' },
      ],
      lines,
    );
    expect(lines[0].slice(template.startColumn, template.endColumn)).toBe('{{ steps.nope.output }}');
    expect(beyond).toMatchObject({ line: 1, startColumn: 0, endColumn: 1, severity: 'warning' });
  });
});
