import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Content, Header, InfoCard, Page, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import { HistoryChart, Time } from '@switchyard/ui';
import { switchyardApiRef } from '../../api/SwitchyardApi';
import { useLoad } from '../../hooks/useLoad';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useBackendConnection } from '../../hooks/useBackendConnection';
import { ConnectionBanner } from '../ConnectionBanner';
import { ErrorNotice } from '../ErrorNotice';
import { PendingApprovalsBanner, usePendingApprovals } from '../PendingApprovals';
import { SyScope } from '../SyScope';
import { RolloutsCard, StartRolloutDialog } from '../Rollouts';
import { rolloutRouteRef } from '../../routes';
import { CostSection } from './CostSection';
import { fleetRows } from './fleet-rows';
import { FleetSummary } from './FleetSummary';
import type { RolloutSummary } from '@switchyard/backstage-plugin-switchyard-common';
import { FleetTable } from './FleetTable';

/** The fleet page: every database entity, migrations in flight and what they cost, switchover history. */
export function FleetPage() {
  const api = useApi(switchyardApiRef);
  // Three independent requests: the table is usable as soon as the fleet arrives.
  const fleet = useLoad(() => api.getFleet(), 'fleet');
  const cost = useLoad(() => api.getCost(), 'cost');
  const history = useLoad(() => api.getHistory(), 'history');
  const rollouts = useLoad(() => api.listRollouts(), 'rollouts');
  // Older pages of rollouts, loaded on request after the first (`loaded`: the cursor is the last older page's, even an empty one's).
  const [older, setOlder] = useState<{ rollouts: RolloutSummary[]; loaded: boolean; next?: string; error?: Error }>({
    rollouts: [],
    loaded: false,
  });
  const next = older.loaded ? older.next : rollouts.value?.next;
  const loadOlder = () =>
    api.listRollouts({ cursor: next }).then(
      (page) => setOlder((o) => ({ rollouts: [...o.rollouts, ...page.rollouts], loaded: true, next: page.next })),
      (error: Error) => setOlder((o) => ({ ...o, error })),
    );
  const [starting, setStarting] = useState(false);
  const navigate = useNavigate();
  const rolloutLink = useRouteRef(rolloutRouteRef);
  const approvals = usePendingApprovals();
  const entityLink = useEntityRefLink();
  const connection = useBackendConnection();
  const entities = fleet.value?.entities;
  const rows = useMemo(() => (entities ? fleetRows(entities, cost.value) : []), [entities, cost.value]);

  return (
    <Page themeId="tool">
      <Header title="Database fleet" subtitle="Switchyard: Aurora/RDS clusters, migrations in flight, their cost, and how switchovers go" />
      <Content>
        <SyScope>
          <Grid container spacing={3}>
            {!connection.connected && (
              <Grid item xs={12}>
                <ConnectionBanner connection={connection} />
              </Grid>
            )}
            {(approvals.value?.length ?? 0) > 0 && (
              <Grid item xs={12}>
                <PendingApprovalsBanner
                  approvals={approvals.value}
                  linkTo={(a) => `${entityLink(a.entityRef)}?run=${encodeURIComponent(a.runId)}`}
                />
              </Grid>
            )}
            <Grid item xs={12}>
              <FleetSummary rows={rows} cost={cost.value} history={history.value} />
            </Grid>
            <Grid item xs={12}>
              <InfoCard
                title="Databases"
                subheader={
                  fleet.value ? (
                    <span data-testid="fleet-as-of">
                      read <Time iso={fleet.value.fetchedAt} />
                    </span>
                  ) : undefined
                }
              >
                {fleet.error && <ErrorNotice error={fleet.error} title="Could not read the fleet" />}
                {!fleet.value && !fleet.error && <Progress />}
                {fleet.value && <FleetTable rows={rows} />}
              </InfoCard>
            </Grid>
            <Grid item xs={12}>
              <RolloutsCard
                rollouts={rollouts.value && [...rollouts.value.rollouts, ...older.rollouts]}
                error={rollouts.error ?? older.error}
                onOlder={next ? loadOlder : undefined}
                action={
                  <Button variant="contained" color="primary" disabled={!entities} onClick={() => setStarting(true)}>
                    Start a rollout
                  </Button>
                }
              />
            </Grid>
            <Grid item xs={12}>
              {cost.error && <ErrorNotice error={cost.error} title="Could not compute the cost of parallel environments" />}
              {cost.value && entities && <CostSection report={cost.value} entities={entities} />}
            </Grid>
            <Grid item xs={12}>
              <InfoCard title="Switchover history">
                {history.error && <ErrorNotice error={history.error} title="Could not read the switchover history" />}
                {history.value && <HistoryChart history={history.value} title="Failovers and switchovers across the fleet" />}
              </InfoCard>
            </Grid>
          </Grid>
          <StartRolloutDialog
            open={starting}
            entities={entities ?? []}
            onClose={() => setStarting(false)}
            onStarted={(view) => navigate(rolloutLink({ id: view.rollout.id }))}
          />
        </SyScope>
      </Content>
    </Page>
  );
}
