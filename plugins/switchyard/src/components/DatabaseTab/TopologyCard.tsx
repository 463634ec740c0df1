import { useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { LintFindings, TopologyDiagram } from '@switchyard/ui';
import type { Topology } from '@switchyard/backstage-plugin-switchyard-common';
import { ErrorNotice } from '../ErrorNotice';

/** The cluster as a diagram (writer, readers by AZ, tiers, lag, Global Database, Blue/Green) and its lint findings. */
export function TopologyCard({ topology, error }: { topology: Topology | undefined; error: Error | undefined }) {
  const [highlight, setHighlight] = useState<string[]>([]);
  return (
    <InfoCard
      title="Topology"
      subheader={
        topology
          ? `${topology.cluster.id} · ${topology.cluster.engine} ${topology.cluster.engineVersion} · ${topology.cluster.region}`
          : undefined
      }
    >
      {error && <ErrorNotice error={error} title="Could not read the cluster's topology" />}
      {!topology && !error && <Progress />}
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
