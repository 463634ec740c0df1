/**
 * Who did what to the run: people's actions first (start, approvals, aborts, rollbacks, with their
 * reasons), to the second; the engine's own step-by-step record folded under them. Oldest first.
 */
import type { AuditEntry } from '@switchyard/core';
import { Time } from './Time';

/** The engine writes its own entries as `engine`; everything else is a person (or a service acting for one). */
const isEngine = (a: AuditEntry) => a.actor === 'engine';

function AuditTable({ entries, label }: { entries: AuditEntry[]; label: string }) {
  return (
    <table className="sy-table sy-audit" aria-label={label}>
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
        {entries.map((a, i) => (
          <tr key={i}>
            <td>
              <Time iso={a.at} mode="clock" />
            </td>
            <td>{a.actor.replace(/^user:default\//, '')}</td>
            <td>{a.action}</td>
            <td>{a.stepId ?? ''}</td>
            <td>{a.detail ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AuditTrail({ audit }: { audit: AuditEntry[] }) {
  if (audit.length === 0) return null;
  const people = audit.filter((a) => !isEngine(a));
  const engine = audit.filter(isEngine);
  return (
    <>
      {people.length > 0 && <AuditTable entries={people} label="Audit trail" />}
      {engine.length > 0 && (
        <details className="sy-audit__engine">
          <summary>Engine events ({engine.length}: steps started, finished, waited)</summary>
          <AuditTable entries={engine} label="Engine events" />
        </details>
      )}
    </>
  );
}
