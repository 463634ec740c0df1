/**
 * The REST API under /api/switchyard, exactly as plugins/switchyard-common/src/api-types.ts
 * describes it. Each route parses, authorizes, calls a service, and responds: reads need a
 * signed-in user or a service, and a run is read only by those who may read its entity
 * (readableRun); every mutating request is checked against the entity's permissions and
 * audited. Runs live behind RunsService (the core RunHost).
 */
import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  permissionForAction,
  switchyardRunCreatePermission,
  type CreateRunRequest,
  type RunActionRequest,
} from '@switchyard/backstage-plugin-switchyard-common';
import { rolloutRoutes } from './rollout-routes';
import type { RolloutsService } from './rollouts-service';
import { clusterRunResources, currentStep, fetchTopology, isEnded, OPEN_RUN_STATUSES } from '@switchyard/core';
import express, { type Request } from 'express';
import Router from 'express-promise-router';
import type { AwsAccess } from '../aws/aws-access';
import type { SwitchyardSettings } from '../config';
import type { RunbookLibrary } from '../runbooks/runbook-library';
import { authorizeOnEntity, entityPermissions } from './authorize';
import { actorOf } from './backstage-actor';
import { audited } from './audited';
import { CostReports } from './cost';
import { listDatabaseEntities, loadDatabaseEntity } from './entities';
import { translateErrors } from './errors';
import { buildFleet, fleetByArn } from './fleet';
import { pendingApprovalsFor } from './pending-approvals';
import { readableRun } from './run-access';
import { streamRun } from './run-stream';
import type { RunsService } from './runs-service';
import { parseBody, runActionSchema, createRunSchema } from './validation';

export interface RouterOptions {
  settings: SwitchyardSettings;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  runs: RunsService;
  access: AwsAccess;
  runbooks: RunbookLibrary;
  rollouts: RolloutsService;
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { settings, httpAuth, userInfo, permissions, auditor, catalog, runs, access, runbooks } = options;
  const costs = new CostReports(access, settings);
  // A run's end is when pages reload the cost: the next report reads AWS again, not a minute-old copy.
  runs.subscribe((event) => {
    if (event.type === 'run' && isEnded(event.status)) costs.forget();
  });
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  const reader = (req: Request) => httpAuth.credentials(req, { allow: ['user', 'service'] });
  const user = (req: Request) => httpAuth.credentials(req, { allow: ['user'] });
  const entityParam = (req: Request): string => {
    const ref = req.query.entityRef;
    if (typeof ref !== 'string' || !ref)
      throw new InputError('the entityRef query parameter is required, e.g. ?entityRef=resource:default/prod-app');
    return ref;
  };
  const entityOf = async (req: Request, credentials: BackstageCredentials) => loadDatabaseEntity(catalog, entityParam(req), credentials);

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/runbooks', async (req, res) => {
    await reader(req);
    res.json(await runbooks.list());
  });

  router.get('/runbooks/:id', async (req, res) => {
    await reader(req);
    res.json((await runbooks.get(req.params.id)).detail);
  });

  router.get('/topology', async (req, res) => {
    const entity = await entityOf(req, await reader(req));
    res.json(await fetchTopology(await access.gateway(entity.account, entity.region), entity.arn));
  });

  router.get('/fleet', async (req, res) => {
    const entities = await listDatabaseEntities(catalog, await reader(req));
    const open = await runs.list(OPEN_RUN_STATUSES);
    res.json(await buildFleet(access, entities, open, settings.regions));
  });

  router.get('/cost', async (req, res) => {
    const credentials = await reader(req);
    if (req.query.entityRef) {
      const entity = await entityOf(req, credentials);
      res.json(await costs.report([entity], entity));
    } else {
      res.json(await costs.report(await listDatabaseEntities(catalog, credentials)));
    }
  });

  router.get('/history', async (req, res) => {
    const credentials = await reader(req);
    // The fleet's history counts the runs about the databases the caller may see, as each database's does.
    const entities = req.query.entityRef ? [await entityOf(req, credentials)] : await listDatabaseEntities(catalog, credentials);
    // Blue/Green runs name the deployment, not the cluster: the clusters' deployments count too
    // (a fleet that cannot be read leaves the runs that name the clusters).
    const { clusters } = await fleetByArn(access, entities, settings.regions);
    const resources = entities.flatMap((e) => {
      const cluster = clusters.get(e.arn);
      return cluster ? clusterRunResources(cluster) : [];
    });
    res.json(await runs.history(entities, resources));
  });

  router.get('/permissions', async (req, res) => {
    const credentials = await user(req);
    const entity = await entityOf(req, credentials);
    res.json(await entityPermissions(permissions, credentials, entity.ref));
  });

  // What waits for the signed-in user's approval: everywhere, or on one database (?entityRef=).
  router.get('/approvals', async (req, res) => {
    const credentials = await user(req);
    const entityRef = typeof req.query.entityRef === 'string' && req.query.entityRef ? req.query.entityRef : undefined;
    res.json(await pendingApprovalsFor({ runs, catalog, permissions }, credentials, await actorOf(userInfo, credentials), entityRef));
  });

  router.get('/runs', async (req, res) => {
    res.json(await runs.listForEntity(await entityOf(req, await reader(req))));
  });

  router.post('/runs', async (req, res) => {
    const credentials = await user(req);
    const body: CreateRunRequest = parseBody(createRunSchema, req.body, 'POST /runs');
    const actor = credentials.principal.userEntityRef;
    const run = await audited(
      auditor,
      {
        eventId: 'run-create',
        severityLevel: body.dryRun ? 'low' : 'high',
        request: req,
        meta: { actor, action: body.dryRun ? 'dry-run' : 'create', runbook: body.runbook, entityRef: body.entityRef },
      },
      async () => {
        const entity = await loadDatabaseEntity(catalog, body.entityRef, credentials);
        await authorizeOnEntity(permissions, credentials, switchyardRunCreatePermission, entity.ref);
        return runs.start({ entity, runbook: body.runbook, params: body.params, dryRun: body.dryRun, startedBy: actor });
      },
      (started) => ({ runId: started.id, params: JSON.stringify(started.params) }),
    );
    res.status(201).json(run);
  });

  router.get('/runs/:id', async (req, res) => {
    res.json(await readableRun(runs, catalog, req.params.id, await reader(req)));
  });

  router.post('/runs/:id/actions', async (req, res) => {
    const credentials = await user(req);
    const body: RunActionRequest = parseBody(runActionSchema, req.body, `POST /runs/${req.params.id}/actions`);
    const actor = credentials.principal.userEntityRef;
    const before = await readableRun(runs, catalog, req.params.id, credentials);
    const run = await audited(
      auditor,
      {
        eventId: 'run-action',
        severityLevel: 'high',
        request: req,
        meta: { actor, action: body.action, runId: before.id, stepId: currentStep(before)?.id ?? null, reason: body.reason ?? null },
      },
      async () => {
        await authorizeOnEntity(permissions, credentials, permissionForAction(body.action), runs.entityOf(before));
        return runs.control(before.id, body, await actorOf(userInfo, credentials));
      },
      (controlled) => ({ entityRef: runs.entityOf(controlled), status: controlled.status }),
    );
    res.json(run);
  });

  router.get('/runs/:id/events', async (req, res) => {
    const { id } = await readableRun(runs, catalog, req.params.id, await reader(req));
    // Read again once access is settled: the stream starts from the run as it is now, not as it was before the check.
    streamRun(req, res, await runs.get(id), { runs });
  });

  rolloutRoutes(router, { httpAuth, userInfo, permissions, auditor, rollouts: options.rollouts, costs });

  router.use(translateErrors);
  return router;
}
