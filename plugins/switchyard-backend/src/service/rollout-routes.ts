/**
 * The rollout routes under /api/switchyard/rollouts: each parses (zod), authorizes per entity,
 * calls RolloutsService and responds; plan, start and every control are audited. A user may only
 * include clusters they may start runbooks on (the plan is refused whole otherwise), and a control
 * needs its permission on every entity of the clusters it touches.
 */
import type { AuditorService, HttpAuthService, PermissionsService, UserInfoService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  permissionForRolloutAction,
  type RolloutActionRequest,
  type RolloutPlanRequest,
} from '@switchyard/backstage-plugin-switchyard-common';
import { nextGatedWave, ROLLOUT_PAGE_MAX, type Rollout, type RolloutControl, type RolloutListQuery } from '@switchyard/core';
import type { Request, Router } from 'express';
import { authorizeOnEntities } from './authorize';
import { actorOf } from './backstage-actor';
import { audited } from './audited';
import type { CostReports } from './cost';
import type { RolloutsService } from './rollouts-service';
import { parseBody, rolloutActionSchema, rolloutPlanSchema } from './validation';

export interface RolloutRouteOptions {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  rollouts: RolloutsService;
  costs: CostReports;
}

export function rolloutRoutes(router: Router, options: RolloutRouteOptions): void {
  const { httpAuth, userInfo, permissions, auditor, rollouts, costs } = options;
  const reader = (req: Request) => httpAuth.credentials(req, { allow: ['user', 'service'] });
  const user = (req: Request) => httpAuth.credentials(req, { allow: ['user'] });

  router.post('/rollouts/plan', async (req, res) => {
    const credentials = await user(req);
    const body: RolloutPlanRequest = parseBody(rolloutPlanSchema, req.body, 'POST /rollouts/plan');
    const plan = await audited(
      auditor,
      {
        eventId: 'rollout-plan',
        severityLevel: 'low',
        request: req,
        meta: { actor: credentials.principal.userEntityRef, runbook: body.runbook, selection: body.selection },
      },
      () => rollouts.plan(body, credentials),
      (planned) => ({ clusters: planned.clusters.length, waves: planned.waves.join(',') }),
    );
    res.json(plan);
  });

  router.post('/rollouts', async (req, res) => {
    const credentials = await user(req);
    const body: RolloutPlanRequest = parseBody(rolloutPlanSchema, req.body, 'POST /rollouts');
    const rollout = await audited(
      auditor,
      {
        eventId: 'rollout-start',
        severityLevel: 'high',
        request: req,
        meta: { actor: credentials.principal.userEntityRef, runbook: body.runbook, selection: body.selection },
      },
      () => rollouts.start(body, credentials),
      (started) => ({ rolloutId: started.id, clusters: started.clusters.map((c) => c.id).join(',') }),
    );
    res.status(201).json(await rollouts.view(rollout));
  });

  // ?limit=N&cursor=C: a page, newest first; `next` is the cursor of the next page.
  router.get('/rollouts', async (req, res) => {
    res.json(await rollouts.list(await reader(req), listQuery(req.query)));
  });

  router.get('/rollouts/:id', async (req, res) => {
    res.json(await rollouts.view(await rollouts.get(req.params.id, await reader(req))));
  });

  router.get('/rollouts/:id/cost', async (req, res) => {
    const credentials = await reader(req);
    const rollout = await rollouts.get(req.params.id, credentials);
    const entities = await rollouts.entitiesOf(rollout, credentials);
    res.json(await costs.report(entities, entities));
  });

  router.post('/rollouts/:id/actions', async (req, res) => {
    const credentials = await user(req);
    const body: RolloutActionRequest = parseBody(rolloutActionSchema, req.body, `POST /rollouts/${req.params.id}/actions`);
    const before = await rollouts.get(req.params.id, credentials);
    const rollout = await audited(
      auditor,
      {
        eventId: 'rollout-action',
        severityLevel: 'high',
        request: req,
        meta: {
          actor: credentials.principal.userEntityRef,
          action: body.action,
          rolloutId: before.id,
          cluster: body.action === 'skip' ? body.cluster : body.action === 'retry' ? (body.clusters?.join(',') ?? null) : null,
          abortRuns: body.action === 'abort' ? body.abortRuns : null,
          reason: body.reason ?? null,
        },
      },
      async () => {
        await authorizeOnEntities(permissions, credentials, permissionForRolloutAction(body.action), touched(before, body));
        return rollouts.control(before.id, body, await actorOf(userInfo, credentials));
      },
      (controlled) => ({ status: controlled.status }),
    );
    res.json(await rollouts.view(rollout));
  });
}

/**
 * The clusters a control acts on, with their entities: skip and a named retry, those clusters;
 * approving a wave, that wave's; pause, resume and abort, every cluster of the rollout.
 * A retry of all, the failed and guard-stopped ones. A cluster the rollout does not have is left to
 * the core's transition to refuse by name.
 */
function touched(rollout: Rollout, control: RolloutControl): Array<{ cluster: string; entityRef: string }> {
  const named = (names: string[]) => {
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    return rollout.clusters.filter((c) => wanted.has(c.id.toLowerCase()) || wanted.has(c.arn));
  };
  let clusters = rollout.clusters;
  if (control.action === 'skip') clusters = named([control.cluster]);
  else if (control.action === 'retry')
    clusters = control.clusters
      ? named(control.clusters)
      : rollout.clusters.filter((c) => c.status === 'failed' || c.status === 'guard-stopped');
  else if (control.action === 'approve') {
    const wave = nextGatedWave(rollout);
    clusters = rollout.clusters.filter((c) => c.wave === wave);
  }
  const outside = clusters.filter((c) => !c.entityRef);
  if (outside.length) {
    throw new NotAllowedError(
      `rollout ${rollout.id} was not started from Backstage (${outside.map((c) => c.id).join(', ')} have no catalog entity); control it where it was started (switchyard rollout)`,
    );
  }
  return clusters.map((c) => ({ cluster: c.id, entityRef: c.entityRef! }));
}

/** `limit` and `cursor` as given (each once, as text); the core's check then refuses what cannot be, naming it. */
function listQuery(query: Request['query']): RolloutListQuery {
  const one = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new InputError(`cannot list rollouts: give ${name} once, as text (?${name}=…)`);
    return value;
  };
  const limit = one('limit');
  const cursor = one('cursor');
  if (limit !== undefined && !/^[0-9]{1,4}$/.test(limit)) {
    throw new InputError(
      `cannot list rollouts: limit ${JSON.stringify(limit)} is not valid; give a whole number from 1 to ${ROLLOUT_PAGE_MAX}`,
    );
  }
  return { limit: limit === undefined ? undefined : Number(limit), cursor };
}
