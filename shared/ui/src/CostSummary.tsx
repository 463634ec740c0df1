/**
 * What parallel environments (Blue/Green greens, old blues not yet deleted) cost: so far, per
 * hour and day, projected to their planned end; the price source; what is and is not counted;
 * the findings; and Cost Explorer's billed actuals beside the estimate.
 */
import type { BilledActuals, CostFinding, CostReport, EnvironmentCost } from '@switchyard/core';
import { missingFigureText, partialLabel, type MissingFigure } from '@switchyard/core/model';
import { formatDate, formatUsd } from './format';

export type CostSummaryProps =
  | { report: CostReport }
  | {
      environments: EnvironmentCost[];
      findings?: CostFinding[];
      /** Billed actuals per migration, or why they could not be read. */
      actuals?: BilledActuals[] | { error: string };
      included?: string[];
      excluded?: string[];
      /** Figures not obtained; default: the environments' own. */
      missing?: MissingFigure[];
    };

interface Normalised {
  environments: EnvironmentCost[];
  findings: CostFinding[];
  actuals?: BilledActuals[] | { error: string };
  included: string[];
  excluded: string[];
  prices: Array<{ source: string; date: string }>;
  /** Why live prices were not (fully) used. */
  priceNotes: string[];
  missing: MissingFigure[];
}

/** An environment's missing figures; `?? []`: reports made before `missing` existed. */
const missingOf = (environments: EnvironmentCost[]) => environments.flatMap((e) => e.missing ?? []);

function normalise(props: CostSummaryProps): Normalised {
  if ('report' in props) {
    const r = props.report;
    return {
      environments: r.environments,
      findings: r.findings,
      actuals: r.actuals,
      included: r.included,
      excluded: r.excluded,
      // `priceSources` lists every source used (Price List API, bundled snapshot); older reports have only `price`.
      prices: r.priceSources?.length ? r.priceSources : [r.price],
      priceNotes: r.priceNotes ?? [],
      missing: r.missing ?? missingOf(r.environments),
    };
  }
  const prices = new Map<string, { source: string; date: string }>();
  const used = props.environments.flatMap((e) => [...e.prices, ...[e.storage?.price, e.io?.price].filter((p) => p !== undefined)]);
  for (const p of used) prices.set(`${p.source}|${p.date}`, { source: p.source, date: p.date });
  return {
    environments: props.environments,
    findings: props.findings ?? [],
    actuals: props.actuals,
    included: props.included ?? [...new Set(props.environments.flatMap((e) => e.included))],
    excluded: props.excluded ?? [...new Set(props.environments.flatMap((e) => e.excluded))],
    prices: [...prices.values()],
    priceNotes: [],
    missing: props.missing ?? missingOf(props.environments),
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

const KIND: Record<EnvironmentCost['kind'], { label: string; badge: string }> = {
  green: { label: 'green', badge: 'green' },
  'old-blue': { label: 'old blue', badge: 'blue' },
  clone: { label: 'clone', badge: 'clone' },
};

/** `compute $12.00 · storage $1.20 (40.0 GB) · I/O missing`: what the total is made of, and what it lacks. */
function breakdown(e: EnvironmentCost): string {
  const lacks = (figure: MissingFigure['figure']) => (e.missing ?? []).some((m) => m.figure === figure);
  const parts = [`compute ${formatUsd(e.compute)}${lacks('acu') ? ' (ACUs missing)' : ''}`];
  if (e.storage) parts.push(`storage ${formatUsd(e.storage.usd)} (${e.storage.gb.toFixed(1)} GB)`);
  else if (lacks('storage')) parts.push('storage missing');
  if (e.io) parts.push(`I/O ${formatUsd(e.io.usd)}`);
  else if (lacks('io')) parts.push('I/O missing');
  return parts.join(' · ');
}

/** The figures a partial report lacks, above its totals: they are a lower bound. */
function Partial({ missing }: { missing: MissingFigure[] }) {
  const label = partialLabel(missing);
  if (!label) return null;
  return (
    <div className="sy-cost__partial" role="alert" data-testid="cost-partial">
      <strong>{label[0].toUpperCase() + label.slice(1)}</strong>: the totals count them as nothing, so they are at least this much.
      <ul aria-label="Missing figures">
        {missing.map((m) => (
          <li key={`${m.figure}-${m.region}-${m.instanceId ?? m.clusterId}`}>{missingFigureText(m)}</li>
        ))}
      </ul>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="sy-figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function Actuals({ actuals, environments }: { actuals: BilledActuals[] | { error: string }; environments: EnvironmentCost[] }) {
  if ('error' in actuals) {
    return (
      <p className="sy-cost__actuals-error" role="note">
        Billed actuals unavailable: {actuals.error}
      </p>
    );
  }
  if (actuals.length === 0) return null;
  return (
    <>
      <table className="sy-table" aria-label="Estimate and billed actuals">
        <thead>
          <tr>
            <th scope="col">Migration</th>
            <th scope="col">Estimate</th>
            <th scope="col">Billed (Cost Explorer)</th>
            <th scope="col">Billed through</th>
          </tr>
        </thead>
        <tbody>
          {actuals.map((a) => (
            <tr key={a.migration}>
              <td>{a.migration}</td>
              <td>{formatUsd(sum(environments.filter((e) => e.migration === a.migration).map((e) => e.costSoFar)))}</td>
              <td>
                {formatUsd(a.totalUsd)}
                {a.days.some((d) => d.estimated) && <span className="sy-muted"> (latest days estimated)</span>}
              </td>
              <td>{formatDate(a.through)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {[...new Set(actuals.map((a) => a.note))].map((note) => (
        <p key={note} className="sy-muted sy-cost__note">
          {note}
        </p>
      ))}
    </>
  );
}

export function CostSummary(props: CostSummaryProps) {
  const { environments, findings, actuals, included, excluded, prices, priceNotes, missing } = normalise(props);
  // A partial total is a lower bound, and says so rather than pass for the whole.
  const atLeast = (usd: string) => (missing.length ? `at least ${usd}` : usd);
  const alive = environments.filter((e) => e.alive);
  const costSoFar = sum(environments.map((e) => e.costSoFar));
  const burnPerHour = sum(alive.map((e) => e.burnPerHour));
  const projected = sum(environments.map((e) => e.projection?.total ?? e.costSoFar));
  const unpriced = [
    ...new Set(
      environments.flatMap((e) => e.prices.filter((p) => p.usdPerHour === 0 || p.basis === 'unknown-class').map((p) => p.instanceClass)),
    ),
  ];

  return (
    <section className="sy sy-cost" aria-label="Cost of parallel environments" data-testid="cost-summary">
      <Partial missing={missing} />
      <dl className="sy-figures">
        <Figure label="Cost so far" value={atLeast(formatUsd(costSoFar))} testId="cost-so-far" />
        <Figure label="Burn per hour" value={atLeast(`${formatUsd(burnPerHour)}/h`)} testId="cost-burn-hour" />
        <Figure label="Burn per day" value={atLeast(`${formatUsd(burnPerHour * 24)}/day`)} testId="cost-burn-day" />
        <Figure label="Projected total" value={atLeast(formatUsd(projected))} testId="cost-projected" />
      </dl>

      {environments.length === 0 ? (
        <p className="sy-muted">No parallel environments: nothing is running only because of a migration.</p>
      ) : (
        <table className="sy-table" aria-label="Parallel environments">
          <thead>
            <tr>
              <th scope="col">Migration</th>
              <th scope="col">Cluster</th>
              <th scope="col">Since</th>
              <th scope="col">Cost so far</th>
              <th scope="col">Made of</th>
              <th scope="col">Burn</th>
              <th scope="col">Projection</th>
            </tr>
          </thead>
          <tbody>
            {environments.map((e) => (
              <tr key={`${e.kind}-${e.clusterId}`} data-testid={`cost-env-${e.clusterId}`} className={e.alive ? undefined : 'sy-muted'}>
                <td>{e.migration}</td>
                <td>
                  {e.clusterId} <span className={`sy-badge sy-badge--${KIND[e.kind].badge}`}>{KIND[e.kind].label}</span>
                  {!e.alive && <span className="sy-badge">deleted {e.endedAt ? formatDate(e.endedAt) : ''}</span>}
                </td>
                <td>{formatDate(e.since)}</td>
                <td>{formatUsd(e.costSoFar)}</td>
                <td>{breakdown(e)}</td>
                <td>{e.alive ? `${formatUsd(e.burnPerHour)}/h · ${formatUsd(e.burnPerDay)}/day` : '—'}</td>
                <td>
                  {e.projection
                    ? `${formatUsd(e.projection.total)} by ${formatDate(e.projection.until)} (${e.projection.from === 'tag' ? 'decommission tag' : 'policy'})`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {findings.length > 0 && (
        <ul className="sy-cost__findings" aria-label="Cost findings">
          {findings.map((f) => (
            <li key={`${f.kind}-${f.clusterId}`} className={`sy-cost__finding sy-cost__finding--${f.kind}`} data-kind={f.kind}>
              <strong>{f.kind === 'old-environment-alive' ? 'Old environment still alive' : 'Green smaller than blue'}</strong>: {f.message}
            </li>
          ))}
        </ul>
      )}

      {actuals && <Actuals actuals={actuals} environments={environments} />}

      <div className="sy-cost__basis sy-muted">
        <p>
          Prices: {prices.length > 0 ? prices.map((p) => `${p.source} (${formatDate(p.date)})`).join('; ') : 'none used'}. On-demand list
          prices; Aurora bills per second with a 10-minute minimum.
        </p>
        {priceNotes.map((n) => (
          <p key={n}>{n}</p>
        ))}
        {unpriced.length > 0 && (
          <p>
            No price known for {unpriced.join(', ')}: counted as {formatUsd(0)}.
          </p>
        )}
        <p>Included: {included.join(', ') || '—'}.</p>
        {excluded.length > 0 && <p>Not included: {excluded.join(', ')}.</p>}
      </div>
    </section>
  );
}
