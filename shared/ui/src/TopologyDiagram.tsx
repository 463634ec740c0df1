/**
 * The cluster as a diagram: the writer on top, readers in one column per Availability Zone, the
 * Global Database regions beside it and each Blue/Green deployment as a blue → green pair. HTML
 * laid out by the stylesheet (no computed inline styles), so it themes and reflows in a narrow
 * VS Code panel; every node is findable by `data-testid` and by its accessible name.
 */
import type { Topology, TopologyBlueGreen, TopologyInstance, TopologyRegion } from '@switchyard/core';
import { globalRole } from '@switchyard/core/model';
import { formatLagMs, formatTime } from './format';
import { statusTone } from './status-tone';

export interface TopologyDiagramProps {
  topology: Topology;
  /** Instance or cluster ids to emphasise (e.g. the resources of a selected lint finding). */
  highlight?: string[];
}

function InstanceNode({
  instance,
  isFailoverTarget,
  highlighted,
}: {
  instance: TopologyInstance;
  isFailoverTarget: boolean;
  highlighted: boolean;
}) {
  const lag = instance.role === 'reader' ? `, replica lag ${formatLagMs(instance.replicaLagMs)}` : '';
  const label = `${instance.role} ${instance.id}, ${instance.class}, ${instance.status}, tier ${instance.tier}${lag}`;
  return (
    <div
      role="group"
      aria-label={label}
      data-testid={`instance-${instance.id}`}
      data-role={instance.role}
      data-highlighted={highlighted ? 'true' : undefined}
      className={`sy-node sy-node--${instance.role}${highlighted ? ' sy-node--highlight' : ''}`}
    >
      <div className="sy-node__head">
        <span className="sy-node__role">{instance.role}</span>
        <span className="sy-badge sy-badge--tier" title="Promotion tier: lower is promoted first">
          tier {instance.tier}
        </span>
      </div>
      <div className="sy-node__id">{instance.id}</div>
      <div className="sy-node__class">{instance.class}</div>
      <div className="sy-node__meta">
        <span className={`sy-status sy-tone--${statusTone(instance.status)}`}>{instance.status}</span>
        {instance.role === 'reader' && <span className="sy-node__lag">lag {formatLagMs(instance.replicaLagMs)}</span>}
      </div>
      {instance.role === 'writer' && <div className="sy-node__az">{instance.az}</div>}
      {isFailoverTarget && <div className="sy-badge sy-badge--target">failover target</div>}
    </div>
  );
}

function Regions({ global, highlight }: { global: NonNullable<Topology['global']>; highlight: Set<string> }) {
  const ordered = [...global.regions].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.region.localeCompare(b.region));
  return (
    <section className="sy-topology__global" aria-label={`Global Database ${global.id}`} data-testid={`global-${global.id}`}>
      <h4 className="sy-topology__title">
        Global Database {global.id} <span className={`sy-status sy-tone--${statusTone(global.status)}`}>{global.status}</span>
      </h4>
      <ul className="sy-regions">
        {ordered.map((r: TopologyRegion) => (
          <li
            key={r.clusterArn || r.region}
            className={`sy-region sy-region--${r.isPrimary ? 'primary' : 'secondary'}${highlight.has(r.clusterId) ? ' sy-node--highlight' : ''}`}
            data-testid={`region-${r.region}`}
            aria-label={`${r.isPrimary ? 'primary' : 'secondary'} region ${r.region}, cluster ${r.clusterId}${r.isPrimary ? '' : `, replication lag ${formatLagMs(r.replicationLagMs)}`}`}
          >
            <span className="sy-region__name">{r.region}</span>
            <span className="sy-badge">{r.isPrimary ? 'primary' : 'secondary'}</span>
            <span className="sy-region__cluster">{r.clusterId}</span>
            <span className={`sy-status sy-tone--${statusTone(r.status)}`}>{r.status}</span>
            <span className="sy-region__readers">{r.readers} readers</span>
            {!r.isPrimary && <span className="sy-region__lag">replication lag {formatLagMs(r.replicationLagMs)}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Side({
  id,
  colour,
  label,
  side,
  rollbackWindow,
}: {
  id: string;
  colour: 'blue' | 'green';
  label: string;
  side: TopologyBlueGreen['blue'];
  rollbackWindow: boolean;
}) {
  return (
    <div className={`sy-bg__side sy-bg__side--${colour}`} data-testid={`bluegreen-${id}-${colour}`}>
      <div className="sy-bg__colour">{label}</div>
      {side ? (
        <>
          <div className="sy-node__id">{side.clusterId}</div>
          <div>engine {side.engineVersion}</div>
          <div>
            {side.instances} instance{side.instances === 1 ? '' : 's'}: {side.classes.join(', ')}
          </div>
          {rollbackWindow && (
            <div data-testid={`bluegreen-${id}-decommission`}>
              {side.decommissionBy ? `decommission by ${side.decommissionBy.slice(0, 10)}` : 'no decommission date set'}
            </div>
          )}
        </>
      ) : (
        <div className="sy-muted">{colour === 'blue' ? 'gone' : 'not created yet'}</div>
      )}
    </div>
  );
}

function BlueGreenPair({ pair }: { pair: TopologyBlueGreen }) {
  const d = pair.deployment;
  return (
    <section
      className="sy-bg"
      data-testid={`bluegreen-${d.id}`}
      data-stage={pair.stage}
      aria-label={`Blue/Green deployment ${d.name}, ${pair.stage}`}
    >
      <h4 className="sy-topology__title">
        Blue/Green {d.name} <span className={`sy-status sy-tone--${statusTone(pair.stage)}`}>{pair.stage}</span>
      </h4>
      <div className="sy-bg__pair">
        <Side id={d.id} colour="blue" label={pair.labels.source} side={pair.blue} rollbackWindow={pair.lifecycle === 'watch-window'} />
        <svg className="sy-bg__arrow" viewBox="0 0 40 20" width="40" height="20" aria-hidden="true" focusable="false">
          <path d="M2 10 H34 M26 3 L36 10 L26 17" />
        </svg>
        <Side id={d.id} colour="green" label={pair.labels.target} side={pair.green} rollbackWindow={false} />
      </div>
      {d.statusDetails && <div className="sy-muted">{d.statusDetails}</div>}
    </section>
  );
}

export function TopologyDiagram({ topology, highlight = [] }: TopologyDiagramProps) {
  const lit = new Set(highlight);
  const byId = new Map(topology.instances.map((i) => [i.id, i]));
  const writer = topology.instances.find((i) => i.role === 'writer');
  const azs =
    topology.azs.length > 0
      ? topology.azs
      : [...new Set(topology.instances.filter((i) => i.role === 'reader').map((i) => i.az))].sort().map((az) => ({
          az,
          instances: topology.instances.filter((i) => i.role === 'reader' && i.az === az).map((i) => i.id),
        }));
  const c = topology.cluster;
  const secondaryOf = globalRole(c) === 'secondary' ? (c.globalClusterId ?? topology.global?.id) : undefined;
  const node = (i: TopologyInstance) => (
    // A secondary has no writer to fail over from: its readers are promoted with the region, not as failover targets.
    <InstanceNode key={i.id} instance={i} isFailoverTarget={!secondaryOf && c.failoverTarget === i.id} highlighted={lit.has(i.id)} />
  );
  return (
    <figure className="sy sy-topology" aria-label={`Topology of cluster ${c.id}`} data-testid="topology">
      <div className="sy-topology__layout">
        <section
          className={`sy-topology__cluster${lit.has(c.id) ? ' sy-node--highlight' : ''}`}
          aria-label={`Cluster ${c.id}`}
          data-testid={`cluster-${c.id}`}
        >
          <h3 className="sy-topology__title">
            {c.id} <span className={`sy-status sy-tone--${statusTone(c.status)}`}>{c.status}</span>
          </h3>
          <div className="sy-muted">
            {c.engine} {c.engineVersion} · {c.region}
          </div>
          <div className="sy-topology__writer">
            {writer ? (
              node(writer)
            ) : secondaryOf ? (
              // A Global Database secondary has no writer by design (core global-role.ts): not an alarm.
              <div className="sy-node sy-node--secondary" data-testid="global-secondary">
                <div className="sy-node__head">
                  <span className="sy-node__role">global secondary</span>
                </div>
                <div className="sy-node__id">read-only replica of {secondaryOf}</div>
                <div className="sy-muted">no writer until it is promoted (promote-global)</div>
              </div>
            ) : (
              <div className="sy-node sy-node--missing">no writer (a failover may be in progress)</div>
            )}
          </div>
          <div className="sy-topology__azs">
            {azs.map((group) => (
              <section key={group.az} className="sy-az" aria-label={`Availability Zone ${group.az}`} data-testid={`az-${group.az}`}>
                <h4 className="sy-az__name">{group.az}</h4>
                {group.instances.map((id) => byId.get(id)).map((i) => i && node(i))}
              </section>
            ))}
            {azs.length === 0 && <div className="sy-muted">no readers: a writer failure means downtime until it is replaced</div>}
          </div>
        </section>
        {topology.global && <Regions global={topology.global} highlight={lit} />}
      </div>
      {topology.blueGreen.map((pair) => (
        <BlueGreenPair key={pair.deployment.id} pair={pair} />
      ))}
      {topology.warnings && topology.warnings.length > 0 && (
        <ul className="sy-warnings" aria-label="Topology warnings">
          {topology.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <figcaption className="sy-muted">read {formatTime(topology.fetchedAt)}</figcaption>
    </figure>
  );
}
