import { useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { isEnded, isInProgress } from '@switchyard/core/model';
import { HistoryChart } from '@switchyard/ui';
import type { Run, RunbookSummary } from '@switchyard/backstage-plugin-switchyard-common';
import { switchyardApiRef } from '../../api/SwitchyardApi';
import { useInterval } from '../../hooks/useInterval';
import { useLoad } from '../../hooks/useLoad';
import { useBackendConnection } from '../../hooks/useBackendConnection';
import { CardSkeleton } from '../CardSkeleton';
import { ConnectionBanner } from '../ConnectionBanner';
import { ErrorNotice } from '../ErrorNotice';
import { PendingApprovalsBanner, usePendingApprovals } from '../PendingApprovals';
import { SyScope } from '../SyScope';
import { applicableRunbooks } from './applicable-runbooks';
import { CostCard } from './CostCard';
import { FoldWhileRunOpen } from './FoldWhileRunOpen';
import { LiveRunCard } from './LiveRunCard';
import { RunbooksCard } from './RunbooksCard';
import { RunHistoryCard } from './RunHistoryCard';
import { StartRunDialog } from './StartRunDialog';
import { TopologyCard } from './TopologyCard';

/** While a run is active the cluster changes under it: the diagram follows at this pace. */
const TOPOLOGY_POLL_MS = 5000;
const RUNS_POLL_MS = 10000;

/** The Database tab: topology and findings, cost of parallel environments, runbooks, live runs, history. */
export function DatabaseTab() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(switchyardApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const runId = searchParams.get('run') ?? undefined;
  const [starting, setStarting] = useState<RunbookSummary>();
  const [liveRunActive, setLiveRunActive] = useState(false);

  const topology = useLoad(() => api.getTopology(entityRef), entityRef);
  const permissions = useLoad(() => api.getPermissions(entityRef), entityRef);
  const runbooks = useLoad(() => api.listRunbooks(), 'runbooks');
  const runs = useLoad(() => api.listRuns(entityRef), entityRef);
  const cost = useLoad(() => api.getCost(entityRef), entityRef);
  const history = useLoad(() => api.getHistory(entityRef), entityRef);
  const approvals = usePendingApprovals(entityRef);
  const connection = useBackendConnection();
  const offline = connection.connected ? undefined : "Controls are disabled: Switchyard's backend is not answering.";

  const applicable = useMemo(
    () => (runbooks.value ? applicableRunbooks(runbooks.value, topology.value) : undefined),
    [runbooks.value, topology.value],
  );
  const anyActive = liveRunActive || (runs.value ?? []).some((r) => isInProgress(r.status));
  useInterval(topology.reload, anyActive ? TOPOLOGY_POLL_MS : null);
  useInterval(runs.reload, RUNS_POLL_MS);

  const openRun = useCallback(
    (id: string | undefined) =>
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (id) next.set('run', id);
          else next.delete('run');
          return next;
        },
        { replace: false },
      ),
    [setSearchParams],
  );

  // A step or status change of the open run: the diagram and the run list catch up (the writer moves
  // mid-run); log lines alone change nothing on AWS. A run's end also moves history and cost.
  const lastStep = useRef<string>();
  const lastStatus = useRef<string>();
  const { reload: reloadTopology } = topology;
  const { reload: reloadRuns } = runs;
  const { reload: reloadHistory } = history;
  const { reload: reloadCost } = cost;
  const onRunChange = useCallback(
    (run: Run) => {
      setLiveRunActive(isInProgress(run.status));
      const step = `${run.id}:${run.status}:${run.phase}:${run.current}`;
      const status = `${run.id}:${run.status}`;
      if (lastStep.current !== step) reloadTopology();
      if (lastStatus.current !== status) {
        reloadRuns();
        if (isEnded(run.status)) {
          reloadHistory();
          reloadCost();
        }
      }
      lastStep.current = step;
      lastStatus.current = status;
    },
    [reloadTopology, reloadRuns, reloadHistory, reloadCost],
  );

  const showCost = (topology.value?.blueGreen.length ?? 0) > 0 || (cost.value?.environments.length ?? 0) > 0 || !!cost.error;
  // The run is what the operator watches: it comes first, and the cards that only give context fold.
  const folded = !!runId;
  const writer = topology.value?.instances.find((i) => i.role === 'writer')?.id;
  const waitingElsewhere = (approvals.value ?? []).filter((a) => a.runId !== runId);

  return (
    <SyScope>
      <Grid container spacing={3} alignItems="stretch" data-testid="switchyard-database-tab">
        {!connection.connected && (
          <Grid item xs={12}>
            <ConnectionBanner connection={connection} />
          </Grid>
        )}
        {waitingElsewhere.length > 0 && (
          <Grid item xs={12}>
            <PendingApprovalsBanner approvals={waitingElsewhere} onOpen={(a) => openRun(a.runId)} />
          </Grid>
        )}
        {permissions.error && (
          <Grid item xs={12}>
            <ErrorNotice error={permissions.error} title="Could not read what you may do here; run controls are hidden" />
          </Grid>
        )}
        {runId && (
          <Grid item xs={12}>
            <LiveRunCard
              key={runId}
              runId={runId}
              permissions={permissions.value}
              onRunChange={onRunChange}
              onClose={() => openRun(undefined)}
              unavailable={offline}
            />
          </Grid>
        )}
        <Grid item xs={12} lg={folded ? 12 : 7}>
          <FoldWhileRunOpen
            folded={folded}
            testId="switchyard-topology-fold"
            summary={`Topology of ${entity.metadata.name}${writer ? ` · writer ${writer}` : ''} (folded while the run is open)`}
          >
            <TopologyCard topology={topology.value} error={topology.value ? undefined : topology.error} />
          </FoldWhileRunOpen>
        </Grid>
        <Grid item xs={12} lg={folded ? 12 : 5}>
          <RunbooksCard
            runbooks={applicable}
            settled={!!topology.value || !!topology.error}
            reserve={runbooks.value?.length}
            error={runbooks.error}
            permissions={permissions.value}
            onRun={setStarting}
            disabled={!!offline}
          />
        </Grid>
        <Grid item xs={12} lg={7}>
          <RunHistoryCard runs={runs.value} error={runs.value ? undefined : runs.error} onOpen={openRun} />
        </Grid>
        <Grid item xs={12} lg={5}>
          <InfoCard title="Switchover history">
            {history.error && <ErrorNotice error={history.error} title="Could not read the switchover history" />}
            {!history.value && !history.error && <CardSkeleton lines={4} label="Loading the switchover history" />}
            {history.value && <HistoryChart history={history.value} title={`Failovers and switchovers of ${entity.metadata.name}`} />}
          </InfoCard>
        </Grid>
        {/* Last: whether it shows is known only once topology and cost are in; appearing must not move what is above. */}
        {showCost && (
          <Grid item xs={12} data-testid="switchyard-cost-card">
            <FoldWhileRunOpen
              folded={folded}
              testId="switchyard-cost-fold"
              summary="Cost of parallel environments (folded while the run is open)"
            >
              <CostCard report={cost.value} error={cost.error} />
            </FoldWhileRunOpen>
          </Grid>
        )}
      </Grid>
      <StartRunDialog
        runbook={starting}
        entityRef={entityRef}
        topology={topology.value}
        onClose={() => setStarting(undefined)}
        onStarted={(run) => {
          setStarting(undefined);
          openRun(run.id);
          runs.reload();
        }}
      />
    </SyScope>
  );
}
