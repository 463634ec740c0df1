import { useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  FleetEntity,
  RolloutPlanRequest,
  RolloutPlanResponse,
  RolloutView,
  RunbookSummary,
} from '@switchyard/backstage-plugin-switchyard-common';
import { switchyardApiRef } from '../../api/SwitchyardApi';
import { useLoad } from '../../hooks/useLoad';
import { ErrorNotice } from '../ErrorNotice';
import { PlanPreview } from './PlanPreview';
import { selectionOf, type SelectionMode } from './selection-text';

export interface StartRolloutDialogProps {
  open: boolean;
  /** The fleet page's databases: the clusters, tags and engine versions offered. */
  entities: FleetEntity[];
  onClose(): void;
  onStarted(view: RolloutView): void;
}

/**
 * "Start a rollout": a runbook, which clusters (a list, a tag, an engine version, or an expression
 * in the CLI's `--select` language), waves, at most how many at once, the failure budget and the
 * gate between waves → the plan preview from the backend (each cluster's wave and resolved params;
 * refused whole, naming the clusters, when one is not yours to run on) → Start. Nothing is started
 * before the preview, and the backend plans again at Start.
 */
export function StartRolloutDialog({ open, entities, onClose, onStarted }: StartRolloutDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="switchyard-start-rollout-title">
      {open && <StartRolloutForm entities={entities} onClose={onClose} onStarted={onStarted} />}
    </Dialog>
  );
}

function StartRolloutForm({ entities, onClose, onStarted }: Omit<StartRolloutDialogProps, 'open'>) {
  const api = useApi(switchyardApiRef);
  const runbooks = useLoad(() => api.listRunbooks(), 'runbooks');
  const offered = useMemo(() => (runbooks.value ?? []).filter((r) => r.params.some((p) => p.type === 'rds-cluster')), [runbooks.value]);
  const [runbookId, setRunbookId] = useState('');
  const runbook = offered.find((r) => r.id === runbookId);
  const [mode, setMode] = useState<SelectionMode>('list');
  const [clusters, setClusters] = useState<string[]>([]);
  const [tag, setTag] = useState('');
  const [version, setVersion] = useState('');
  const [expression, setExpression] = useState('');
  const [params, setParams] = useState<Record<string, string>>({});
  const [waves, setWaves] = useState('1,25%,rest');
  const [maxConcurrency, setMaxConcurrency] = useState('');
  const [maxFailures, setMaxFailures] = useState('1');
  const [gate, setGate] = useState<'none' | 'pause' | 'approval'>('none');
  const [pauseMinutes, setPauseMinutes] = useState('5');
  const [plan, setPlan] = useState<{ request: RolloutPlanRequest; response: RolloutPlanResponse }>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const clusterIds = useMemo(() => entities.flatMap((e) => (e.cluster ? [e.cluster.clusterId] : [])).sort(), [entities]);
  const versions = useMemo(
    () => [...new Set(entities.flatMap((e) => (e.cluster ? [`${e.cluster.engine} ${e.cluster.engineVersion}`] : [])))].sort(),
    [entities],
  );
  const selection = selectionOf(mode, { clusters, tag, version, expression });
  const templateParams = runbook?.params.filter((p) => p.type !== 'rds-cluster' && !p.unavailable) ?? [];

  const request = (): RolloutPlanRequest => ({
    runbook: runbookId,
    selection,
    params: Object.fromEntries(Object.entries(params).filter(([k, v]) => v !== '' && templateParams.some((p) => p.name === k))),
    waves: waves.trim(),
    ...(maxConcurrency.trim() ? { maxConcurrency: Number(maxConcurrency) } : {}),
    maxFailures: maxFailures.trim(),
    gate: gate === 'pause' ? { kind: 'pause', seconds: Math.round(Number(pauseMinutes) * 60) } : { kind: gate },
  });
  // Any change after the preview invalidates it: Start only ever sends what was previewed.
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPlan(undefined);
      setError(undefined);
    };

  const preview = async () => {
    const req = request();
    setBusy(true);
    setError(undefined);
    try {
      setPlan({ request: req, response: await api.planRollout(req) });
    } catch (e) {
      setPlan(undefined);
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const start = async () => {
    if (!plan) return;
    setBusy(true);
    setError(undefined);
    try {
      onStarted(await api.startRollout(plan.request));
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };

  return (
    <>
      <DialogTitle id="switchyard-start-rollout-title">Start a rollout</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="textSecondary" paragraph>
          One runbook on many clusters, in waves: each cluster's run is an ordinary run (same locks, approvals, rollback and audit), started
          from its database. You may only include clusters you may start runbooks on.
        </Typography>
        {runbooks.error && <ErrorNotice error={runbooks.error} title="Could not list the runbooks" />}
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <TextField
              select
              fullWidth
              variant="outlined"
              id="switchyard-rollout-runbook"
              label="Runbook"
              value={runbookId}
              onChange={(e) => changed(setRunbookId)(e.target.value)}
            >
              {offered.map((r: RunbookSummary) => (
                <MenuItem key={r.id} value={r.id}>
                  {r.title} ({r.id})
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={12} sm={4}>
            <TextField
              select
              fullWidth
              variant="outlined"
              id="switchyard-rollout-select-by"
              label="Select clusters by"
              value={mode}
              onChange={(e) => changed(setMode)(e.target.value as SelectionMode)}
            >
              <MenuItem value="list">A list of clusters</MenuItem>
              <MenuItem value="tag">A tag</MenuItem>
              <MenuItem value="version">An engine version</MenuItem>
              <MenuItem value="expression">An expression</MenuItem>
            </TextField>
          </Grid>
          <Grid item xs={12} sm={8}>
            {mode === 'list' && (
              <TextField
                select
                fullWidth
                variant="outlined"
                id="switchyard-rollout-clusters"
                label="Clusters"
                value={clusters}
                SelectProps={{ multiple: true, renderValue: (v) => (v as string[]).join(', ') }}
                onChange={(e) => changed(setClusters)(e.target.value as unknown as string[])}
                helperText="In this order: the first ones make the first waves"
              >
                {clusterIds.map((id) => (
                  <MenuItem key={id} value={id}>
                    {id}
                  </MenuItem>
                ))}
              </TextField>
            )}
            {mode === 'tag' && (
              <TextField
                fullWidth
                variant="outlined"
                id="switchyard-rollout-tag"
                label="Tag"
                placeholder="team=payments"
                value={tag}
                onChange={(e) => changed(setTag)(e.target.value)}
                helperText="key=value; several values as team=payments|billing"
              />
            )}
            {mode === 'version' && (
              <TextField
                select
                fullWidth
                variant="outlined"
                id="switchyard-rollout-version"
                label="Engine version"
                value={version}
                onChange={(e) => changed(setVersion)(e.target.value)}
              >
                {versions.map((v) => (
                  <MenuItem key={v} value={v}>
                    {v}
                  </MenuItem>
                ))}
              </TextField>
            )}
            {mode === 'expression' && (
              <TextField
                fullWidth
                variant="outlined"
                id="switchyard-rollout-expression"
                label="Selection"
                placeholder="team=payments,version=15.*"
                value={expression}
                onChange={(e) => changed(setExpression)(e.target.value)}
                helperText="As the CLI's --select: ids or ARNs, key=value tags, engine=…, version=15.*, region=…, or *; all terms must hold"
              />
            )}
          </Grid>
          {templateParams.map((p) => (
            <Grid item xs={12} sm={6} key={p.name}>
              <TextField
                fullWidth
                variant="outlined"
                id={`switchyard-rollout-param-${p.name}`}
                label={p.description ?? p.name}
                value={params[p.name] ?? ''}
                onChange={(e) => changed(setParams)({ ...params, [p.name]: e.target.value })}
                helperText={`${p.name}${p.required ? ' (required)' : ''}: the same for every cluster, or a template such as {{ cluster.engineVersion }}`}
              />
            </Grid>
          ))}
          <Grid item xs={12} sm={4}>
            <TextField
              fullWidth
              variant="outlined"
              id="switchyard-rollout-waves"
              label="Waves"
              value={waves}
              onChange={(e) => changed(setWaves)(e.target.value)}
              helperText="Counts and percentages, e.g. 1,5,25%,rest"
            />
          </Grid>
          <Grid item xs={12} sm={4}>
            <TextField
              fullWidth
              variant="outlined"
              id="switchyard-rollout-concurrency"
              label="Max concurrency"
              value={maxConcurrency}
              onChange={(e) => changed(setMaxConcurrency)(e.target.value.replace(/[^0-9]/g, ''))}
              helperText="Runs at once; empty: the whole wave"
            />
          </Grid>
          <Grid item xs={12} sm={4}>
            <TextField
              fullWidth
              variant="outlined"
              id="switchyard-rollout-budget"
              label="Failure budget"
              value={maxFailures}
              onChange={(e) => changed(setMaxFailures)(e.target.value)}
              helperText="Stop starting runs after this many failures (or guard stops), e.g. 2 or 10%"
            />
          </Grid>
          <Grid item xs={12} sm={gate === 'pause' ? 8 : 12}>
            <TextField
              select
              fullWidth
              variant="outlined"
              id="switchyard-rollout-gate"
              label="Between waves"
              value={gate}
              onChange={(e) => changed(setGate)(e.target.value as 'none' | 'pause' | 'approval')}
            >
              <MenuItem value="none">Go on at once</MenuItem>
              <MenuItem value="pause">Pause</MenuItem>
              <MenuItem value="approval">Wait for someone to approve the next wave</MenuItem>
            </TextField>
          </Grid>
          {gate === 'pause' && (
            <Grid item xs={12} sm={4}>
              <TextField
                fullWidth
                variant="outlined"
                id="switchyard-rollout-pause"
                label="Pause (minutes)"
                value={pauseMinutes}
                onChange={(e) => changed(setPauseMinutes)(e.target.value.replace(/[^0-9.]/g, ''))}
              />
            </Grid>
          )}
        </Grid>
        <Box mt={2}>
          <Typography variant="caption" color="textSecondary" data-testid="rollout-selection">
            Selection: {selection || '(none yet)'}
          </Typography>
        </Box>
        {error && <ErrorNotice error={error} title={plan ? 'Could not start the rollout' : 'The plan was refused'} />}
        {plan && <PlanPreview plan={plan.response} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button onClick={preview} disabled={busy || !runbookId || !selection} variant={plan ? 'outlined' : 'contained'} color="primary">
          Preview plan
        </Button>
        <Button onClick={start} disabled={busy || !plan} variant="contained" color="primary">
          Start rollout
        </Button>
      </DialogActions>
    </>
  );
}
