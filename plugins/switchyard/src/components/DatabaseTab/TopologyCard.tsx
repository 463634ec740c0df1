import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { LintFindings, TopologyDiagram } from '@switchyard/ui';
import type { Topology } from '@switchyard/backstage-plugin-switchyard-common';
import { CardSkeleton } from '../CardSkeleton';
import { ErrorNotice } from '../ErrorNotice';

/** About the height of a cluster with a writer, readers in three AZs and its findings: reserved while it loads. */
export const TOPOLOGY_RESERVED_PX = 520;

/** The cluster as a diagram (writer, readers by AZ, tiers, lag, Global Database, Blue/Green) and its lint findings. */
export function TopologyCard({ topology, error }: { topology: Topology | undefined; error: Error | undefined }) {
  const [highlight, setHighlight] = useState<string[]>([]);
  return (
    <InfoCard
      title="Topology"
      subheader={
        topology
          ? `${topology.cluster.id} · ${topology.cluster.engine} ${topology.cluster.engineVersion} · ${topology.cluster.region}`
          : 'reading the cluster…'
      }
    >
      {error && <ErrorNotice error={error} title="Could not read the cluster's topology" />}
      {!topology && !error && (
        <CardSkeleton lines={6} height={TOPOLOGY_RESERVED_PX} label="Loading the topology" testId="topology-skeleton" />
      )}
      {topology && (
        <>
          {(topology.warnings ?? []).map((w) => (
            <Typography key={w} variant="body2" color="textSecondary" role="note">
              {w}
            </Typography>
          ))}
          <TopologyDiagram topology={topology} highlight={highlight} />
          <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
            Findings
          </Typography>
          <LintFindings findings={topology.findings} onHighlight={setHighlight} />
        </>
      )}
    </InfoCard>
  );
}
