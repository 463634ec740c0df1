import { useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  Content,
  Header,
  HeaderLabel,
  InfoCard,
  Link,
  Page,
  Progress,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatDuration, formatUsd, Time } from '@switchyard/ui';
import type { RolloutCluster, RolloutControlEffect, RolloutView } from '@switchyard/backstage-plugin-switchyard-common';
import { switchyardApiRef } from '../../api/SwitchyardApi';
import { useInterval } from '../../hooks/useInterval';
import { useLoad } from '../../hooks/useLoad';
import { rootRouteRef } from '../../routes';
import { ConfirmControlDialog } from '../DatabaseTab/ConfirmControlDialog';
import { ErrorNotice } from '../ErrorNotice';
import { Figure } from '../Figure';
import { SyScope } from '../SyScope';

/** How often the page reads the rollout again while it is not over. */
const POLL_MS = 2000;

export function ClusterStatus({ status }: { status: RolloutCluster['status'] }) {
  switch (status) {
    case 'succeeded':
      return <StatusOK>succeeded</StatusOK>;
    case 'failed':
      return <StatusError>failed</StatusError>;
    case 'guard-stopped':
      return <StatusWarning>stopped by a guard</StatusWarning>;
    case 'aborted':
      return <StatusError>aborted</StatusError>;
    case 'skipped':
      return <StatusPending>skipped</StatusPending>;
    case 'waiting':
      return <StatusWarning>waiting for a person</StatusWarning>;
    case 'starting':
    case 'running':
      return <StatusRunning>{status}</StatusRunning>;
    default:
      return <StatusPending>{status}</StatusPending>;
  }
}

/**
 * A rollout for the people who follow it: where it is (per wave and per cluster, with each run's
 * step and a link to it), how it goes (succeeded, stopped by a guard and failed counted apart; the
 * time writes were unavailable, p50/p95, approvals apart — the fleet's switchover rule), what its
 * parallel environments cost so far and burn per day (the cost model), the ETA, and the controls
 * that apply now, each confirmed with what it does (the core's words).
 */
export function RolloutPage() {
  const { id = '' } = useParams();
  const api = useApi(switchyardApiRef);
  const entityLink = useEntityRefLink();
  const fleetLink = useRouteRef(rootRouteRef);
  const loaded = useLoad(() => api.getRollout(id), id);
  const cost = useLoad(() => api.getRolloutCost(id), id);
  const [override, setOverride] = useState<RolloutView>();
  const [confirm, setConfirm] = useState<RolloutControlEffect>();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<Error>();
  const view = override && loaded.value && override.rollout.version > loaded.value.rollout.version ? override : loaded.value;
  const ended = view
    ? ['succeeded', 'failed', 'aborted'].includes(view.rollout.status) &&
      !view.rollout.clusters.some((c) => ['starting', 'running'].includes(c.status))
    : false;
  useInterval(() => loaded.reload(), ended ? null : POLL_MS);
  useInterval(() => cost.reload(), ended ? null : 30_000);

  const send = async (effect: RolloutControlEffect, reason?: string) => {
    setBusy(true);
    setActionError(undefined);
    try {
      const control =
        effect.control.action === 'skip'
          ? { ...effect.control, reason: reason ?? '' }
          : { ...effect.control, ...(reason ? { reason } : {}) };
      setOverride(await api.rolloutAction(id, control));
      setConfirm(undefined);
      loaded.reload();
    } catch (e) {
      setActionError(e as Error);
      setConfirm(undefined);
    } finally {
      setBusy(false);
    }
  };

  if (!view) {
    return (
      <Page themeId="tool">
        <Header title="Rollout" subtitle={id} />
        <Content>{loaded.error ? <ErrorNotice error={loaded.error} title="Could not read the rollout" /> : <Progress />}</Content>
      </Page>
    );
  }
  const { rollout, progress, switchover } = view;
  const seconds = (s: number | null | undefined) => (s === null || s === undefined ? 'n/a' : formatDuration(s));
  const waves = progress.waves;
  const runLink = (c: RolloutCluster) =>
    c.entityRef && c.runId ? `${entityLink(c.entityRef)}?run=${encodeURIComponent(c.runId)}` : undefined;

  return (
    <Page themeId="tool">
      <Header
        title={rollout.title}
        subtitle={`Rollout ${rollout.id} · ${rollout.runbook.title} · selection ${rollout.selection}`}
        type="Rollout"
        typeLink={fleetLink()}
      >
        <HeaderLabel label="Status" value={<span data-testid="rollout-status">{rollout.status}</span>} />
        <HeaderLabel label="Started by" value={rollout.startedBy} />
        <HeaderLabel label="Started" value={<Time iso={rollout.createdAt} />} />
      </Header>
      <Content>
        <SyScope>
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <InfoCard title="Progress" subheader={rollout.statusReason}>
                <Box display="flex" flexWrap="wrap" aria-label="Rollout summary">
                  <Figure label="Clusters" value={String(rollout.clusters.length)} testId="rollout-clusters" />
                  <Figure
                    label="Current wave"
                    value={progress.currentWave === undefined ? 'done' : `${progress.currentWave + 1} of ${waves.length}`}
                    testId="rollout-current-wave"
                  />
                  <Figure label="Succeeded" value={String(progress.counts.succeeded)} testId="rollout-succeeded" />
                  <Figure label="Stopped by a guard" value={String(progress.counts['guard-stopped'])} testId="rollout-guard-stopped" />
                  <Figure label="Failed" value={String(progress.counts.failed)} testId="rollout-failed" />
                  <Figure
                    label="Failure budget: stops at"
                    value={`${progress.budget.failed} / ${progress.budget.failureLimit} failed, ${progress.budget.guardStopped} / ${progress.budget.guardStopLimit} stopped by a guard`}
                    testId="rollout-budget"
                  />
                  <Figure
                    label="Writes unavailable p50 / p95"
                    value={`${seconds(switchover.p50Seconds)} / ${seconds(switchover.p95Seconds)}`}
                    testId="rollout-p50-p95"
                  />
                  <Figure label="Approval wait p50" value={seconds(switchover.approvalWaitP50Seconds)} testId="rollout-approval-wait" />
                  <Figure
                    label="Parallel environments, so far"
                    value={cost.value ? formatUsd(cost.value.fleet.costSoFar) : '…'}
                    testId="rollout-cost-total"
                  />
                  <Figure
                    label="Burn per day"
                    value={cost.value ? `${formatUsd(cost.value.fleet.burnPerDay)}/day` : '…'}
                    testId="rollout-cost-burn"
                  />
                  <Figure label="Elapsed" value={formatDuration(progress.elapsedSeconds)} testId="rollout-elapsed" />
                  <Figure
                    label="ETA"
                    value={progress.etaSeconds === undefined ? 'after the first cluster' : formatDuration(progress.etaSeconds)}
                    testId="rollout-eta"
                  />
                </Box>
                {cost.error && <ErrorNotice error={cost.error} title="Could not compute the cost of the parallel environments" />}
                <Box mt={1} display="flex" flexWrap="wrap" data-testid="rollout-controls">
                  {view.controls.map((effect) => (
                    <Box mr={1} mb={1} key={effect.label}>
                      <Button
                        variant="outlined"
                        color={effect.control.action === 'abort' ? 'secondary' : 'primary'}
                        disabled={busy}
                        onClick={() => setConfirm(effect)}
                        title={effect.effects.join(' ')}
                      >
                        {effect.label}
                      </Button>
                    </Box>
                  ))}
                </Box>
                {actionError && <ErrorNotice error={actionError} title="The control was refused" />}
              </InfoCard>
            </Grid>
            {waves.map((wave) => (
              <Grid item xs={12} key={wave.wave}>
                <InfoCard
                  title={`Wave ${wave.wave + 1}`}
                  subheader={
                    <span data-testid={`wave-${wave.wave + 1}-stage`}>
                      {wave.done ? 'done' : wave.counts.pending === wave.size ? 'not started' : 'in progress'} · {wave.counts.succeeded} of{' '}
                      {wave.size} succeeded
                      {wave.counts.failed ? `, ${wave.counts.failed} failed` : ''}
                      {wave.counts['guard-stopped'] ? `, ${wave.counts['guard-stopped']} stopped by a guard` : ''}
                    </span>
                  }
                >
                  <Table size="small" aria-label={`Wave ${wave.wave + 1}`}>
                    <TableHead>
                      <TableRow>
                        <TableCell>Cluster</TableCell>
                        <TableCell>Stage</TableCell>
                        <TableCell>Step</TableCell>
                        <TableCell>Run</TableCell>
                        <TableCell>Took</TableCell>
                        <TableCell>Why</TableCell>
                        <TableCell />
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {rollout.clusters
                        .filter((c) => c.wave === wave.wave)
                        .map((c) => (
                          <TableRow key={c.arn} data-testid={`rollout-cluster-${c.id}`} data-status={c.status}>
                            <TableCell>{c.entityRef ? <Link to={entityLink(c.entityRef)}>{c.id}</Link> : c.id}</TableCell>
                            <TableCell>
                              <ClusterStatus status={c.status} />
                            </TableCell>
                            <TableCell>{c.step ?? ''}</TableCell>
                            <TableCell>{runLink(c) ? <Link to={runLink(c)!}>{c.runId}</Link> : ''}</TableCell>
                            <TableCell>
                              {c.startedAt
                                ? formatDuration(((c.endedAt ? Date.parse(c.endedAt) : Date.now()) - Date.parse(c.startedAt)) / 1000)
                                : ''}
                            </TableCell>
                            <TableCell>{c.reason ?? ''}</TableCell>
                            <TableCell>
                              {(view.clusterControls[c.id] ?? []).map((effect) => (
                                <Button
                                  key={effect.label}
                                  size="small"
                                  disabled={busy}
                                  onClick={() => setConfirm(effect)}
                                  title={effect.effects.join(' ')}
                                >
                                  {effect.label}
                                </Button>
                              ))}
                            </TableCell>
                          </TableRow>
                        ))}
                    </TableBody>
                  </Table>
                </InfoCard>
              </Grid>
            ))}
            <Grid item xs={12}>
              <InfoCard title="Audit trail">
                <Table size="small" aria-label="Audit trail">
                  <TableBody>
                    {[...rollout.audit].reverse().map((a, i) => (
                      <TableRow key={`${a.at}-${i}`}>
                        <TableCell>
                          <Time iso={a.at} />
                        </TableCell>
                        <TableCell>{a.actor}</TableCell>
                        <TableCell>{a.action}</TableCell>
                        <TableCell>{[a.cluster, a.detail].filter(Boolean).join(': ')}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </InfoCard>
            </Grid>
          </Grid>
          {confirm && (
            <ConfirmControlDialog
              effect={{
                action: confirm.control.action,
                title: confirm.title,
                effects: confirm.effects,
                confirmLabel: confirm.label,
                reasonRequired: confirm.reasonRequired,
                subject: confirm.cluster ? 'a cluster' : 'the rollout',
              }}
              busy={busy}
              onConfirm={(reason) => send(confirm, reason)}
              onCancel={() => setConfirm(undefined)}
            />
          )}
        </SyScope>
      </Content>
    </Page>
  );
}
