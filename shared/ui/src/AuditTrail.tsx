/** Who did what to the run, oldest first. */
import type { AuditEntry } from '@switchyard/core';
import { formatTime } from './format';

export function AuditTrail({ audit }: { audit: AuditEntry[] }) {
  if (audit.length === 0) return null;
  return (
    <table className="sy-table sy-audit" aria-label="Audit trail">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Step</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {audit.map((a, i) => (
          <tr key={i}>
            <td>{formatTime(a.at)}</td>
            <td>{a.actor}</td>
            <td>{a.action}</td>
            <td>{a.stepId ?? ''}</td>
            <td>{a.detail ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
