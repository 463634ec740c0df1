/** The topology lint findings, worst first, each naming the resources it is about. */
import type { LintFinding, LintSeverity } from '@switchyard/core';

export interface LintFindingsProps {
  findings: LintFinding[];
  /** Called with a finding's resources when the user asks to see them (e.g. highlight in the diagram). */
  onHighlight?: (resources: string[]) => void;
}

const ORDER: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };
const ICON: Record<LintSeverity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

export function LintFindings({ findings, onHighlight }: LintFindingsProps) {
  if (findings.length === 0) {
    return (
      <p className="sy sy-lint sy-lint--empty" data-testid="lint-findings">
        No findings: the topology follows every rule Switchyard checks.
      </p>
    );
  }
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.code.localeCompare(b.code));
  return (
    <ul className="sy sy-lint" aria-label="Lint findings" data-testid="lint-findings">
      {sorted.map((f, i) => (
        <li key={`${f.code}-${i}`} className={`sy-lint__item sy-lint--${f.severity}`} data-severity={f.severity} data-code={f.code}>
          <span className="sy-lint__icon" role="img" aria-label={f.severity}>
            {ICON[f.severity]}
          </span>
          <span className="sy-lint__body">
            <span className="sy-lint__message">{f.message}</span>
            <span className="sy-lint__code">{f.code}</span>
            {f.resources.length > 0 && <span className="sy-lint__resources">{f.resources.join(', ')}</span>}
          </span>
          {onHighlight && f.resources.length > 0 && (
            <button
              type="button"
              className="sy-button sy-button--small"
              aria-label={`Show ${f.resources.join(', ')}`}
              onClick={() => onHighlight(f.resources)}
            >
              Show
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
