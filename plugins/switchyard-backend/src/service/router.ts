/**
 * The REST API under /api/switchyard, exactly as plugins/switchyard-common/src/api-types.ts
 * describes it. Reads need a signed-in user or a service; every mutating request is checked
 * against the entity's permissions and audited.
 */
import type {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  permissionForAction,
  switchyardRunCreatePermission,
  type CreateRunRequest,
  type RunActionRequest,
} from '@switchyard/backstage-plugin-switchyard-common';
import { fetchTopology, switchoverHistory, type Engine, type Run } from '@switchyard/core';
import express, { type Request } from 'express';
import Router from 'express-promise-router';
import type { AwsAccess } from '../aws/aws-access';
import type { SwitchyardSettings } from '../config';
import { scopeKey, type EngineRegistry } from '../engines';
import { allBlocks, type RunbookLibrary } from '../runbooks/runbook-library';
import type { KnexRunStore } from '../store/knex-run-store';
import { authorizeOnEntity, entityPermissions } from './authorize';
import { CostReports } from './cost';
import { listDatabaseEntities, loadDatabaseEntity } from './entities';
import { translateErrors } from './errors';
import { buildFleet, OPEN_RUN_STATUSES } from './fleet';
import { checkFourEyes, presentRun } from './four-eyes';
import { runParams } from './run-params';
import { streamRun } from './run-stream';
import { parseBody, runActionSchema, createRunSchema } from './validation';

export interface RouterOptions {
  settings: SwitchyardSettings;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  store: KnexRunStore;
  engines: EngineRegistry;
  access: AwsAccess;
  runbooks: RunbookLibrary;
}

/** Runs listed per entity and read for the history chart. */
const LIST_LIMIT = 200;
const HISTORY_LIMIT = 2000;

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { settings, httpAuth, userInfo, permissions, auditor, catalog, store, engines, access, runbooks } = options;
  const costs = new CostReports(access, settings);
  const present = (run: Run) => presentRun(run, settings.requireFourEyes);
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
    const open = await store.list({ status: OPEN_RUN_STATUSES });
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
    if (req.query.entityRef) {
      const entity = await entityOf(req, credentials);
      const runs = await store.runs({ resources: [entity.clusterId, entity.arn], limit: HISTORY_LIMIT });
      res.json(switchoverHistory(runs, { resources: [entity.clusterId, entity.arn] }));
    } else {
      res.json(switchoverHistory(await store.runs({ limit: HISTORY_LIMIT })));
    }
  });

  router.get('/permissions', async (req, res) => {
    const credentials = await user(req);
    const entity = await entityOf(req, credentials);
    res.json(await entityPermissions(permissions, credentials, entity.ref));
  });

  router.get('/runs', async (req, res) => {
    const entity = await entityOf(req, await reader(req));
    res.json(await store.listForEntity(entity.ref, entity.clusterId, { limit: LIST_LIMIT }));
  });

  router.post('/runs', async (req, res) => {
    const credentials = await user(req);
    const body: CreateRunRequest = parseBody(createRunSchema, req.body, 'POST /runs');
    const actor = credentials.principal.userEntityRef;
    const audit = await auditor.createEvent({
      eventId: 'run-create',
      severityLevel: body.dryRun ? 'low' : 'high',
      request: req,
      meta: { actor, action: body.dryRun ? 'dry-run' : 'create', runbook: body.runbook, entityRef: body.entityRef },
    });
    try {
      const entity = await loadDatabaseEntity(catalog, body.entityRef, credentials);
      await authorizeOnEntity(permissions, credentials, switchyardRunCreatePermission, entity.ref);
      const { runbook, detail } = await runbooks.get(body.runbook);
      refuseUntrusted(runbook, detail.id, settings);
      const aws = await access.gateway(entity.account, entity.region);
      const topology = await fetchTopology(aws, entity.arn);
      const engine = await engines.forScope(scopeKey(entity.account, entity.region));
      const run = await engine.start({
        file: detail.id,
        source: detail.source,
        params: runParams(runbook, body.params, topology, entity.ref),
        startedBy: actor,
        dryRun: body.dryRun,
      });
      await store.setEntityRef(run.id, entity.ref);
      await audit.success({ meta: { runId: run.id, params: JSON.stringify(run.params) } });
      options.logger.info(`Switchyard: ${actor} started ${detail.id} on ${entity.ref} as run ${run.id}${run.dryRun ? ' (dry run)' : ''}`);
      res.status(201).json(present(run));
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/runs/:id', async (req, res) => {
    await reader(req);
    res.json(present(await loadRun(store, req.params.id)));
  });

  router.post('/runs/:id/actions', async (req, res) => {
    const credentials = await user(req);
    const body: RunActionRequest = parseBody(runActionSchema, req.body, `POST /runs/${req.params.id}/actions`);
    const actor = credentials.principal.userEntityRef;
    const before = await loadRun(store, req.params.id);
    const step = (before.phase === 'forward' ? before.steps : before.rollbackSteps)[before.current];
    const audit = await auditor.createEvent({
      eventId: 'run-action',
      severityLevel: 'high',
      request: req,
      meta: { actor, action: body.action, runId: before.id, stepId: step?.id ?? null, reason: body.reason ?? null },
    });
    try {
      const entityRef = await store.entityRefOf(before.id);
      if (!entityRef)
        throw new NotAllowedError(`run ${before.id} was not started from Backstage; control it where it was started (switchyard CLI)`);
      await authorizeOnEntity(permissions, credentials, permissionForAction(body.action), entityRef);
      if (settings.requireFourEyes) checkFourEyes(before, actor, body.action);
      const engine = await engines.forRun(before.id);
      if (!engine) throw new NotFoundError(`no run with id ${before.id}`);
      const run = await applyAction(engine, before.id, body, actor, await groupsOf(userInfo, credentials));
      await audit.success({ meta: { entityRef, status: run.status } });
      options.logger.info(
        `Switchyard: ${actor} ${body.action} on run ${run.id} (step ${step?.id ?? '-'})${body.reason ? `: ${body.reason}` : ''}`,
      );
      res.json(present(run));
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/runs/:id/events', async (req, res) => {
    await reader(req);
    const run = await loadRun(store, req.params.id);
    streamRun(req, res, run, { store, engines, present });
  });

  router.use(translateErrors);
  return router;
}

async function loadRun(store: KnexRunStore, id: string): Promise<Run> {
  const run = await store.get(id);
  if (!run) throw new NotFoundError(`no run with id ${id}`);
  return run;
}

/** `sh` and writing `sql` blocks run only where the operator enabled them. */
function refuseUntrusted(runbook: Parameters<typeof allBlocks>[0], id: string, settings: SwitchyardSettings): void {
  const blocks = allBlocks(runbook);
  if (!settings.allowShell && blocks.some((b) => b.kind === 'sh')) {
    throw new NotAllowedError(`${id} has sh blocks, and this Backstage backend does not run shell scripts (switchyard.allowShell is off)`);
  }
  if (!settings.allowSqlWrites && blocks.some((b) => b.kind === 'sql' && b.write)) {
    throw new NotAllowedError(
      `${id} has sql blocks that write, and this Backstage backend does not allow them (switchyard.allowSqlWrites is off)`,
    );
  }
}

/** Groups (and the user's own name) for runbook `approvers:` lists, as full refs and short names. */
async function groupsOf(userInfo: UserInfoService, credentials: BackstageCredentials<BackstageUserPrincipal>): Promise<string[]> {
  const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
  return [...new Set(ownershipEntityRefs.flatMap((ref) => [ref, parseEntityRef(ref).name]))];
}

function applyAction(engine: Engine, runId: string, body: RunActionRequest, actor: string, groups: string[]): Promise<Run> {
  switch (body.action) {
    case 'approve':
      return engine.approve(runId, actor, body.reason, groups);
    case 'reject':
      return engine.reject(runId, actor, body.reason!);
    case 'retry':
      return engine.retry(runId, actor);
    case 'skip':
      return engine.skip(runId, actor, body.reason!, groups);
    case 'abort':
      return engine.abort(runId, actor, body.reason);
    case 'rollback':
      return engine.rollback(runId, actor, body.reason);
  }
}
