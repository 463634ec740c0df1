/**
 * Who may read a run — its params, log, runbook source, its events — and so act on it: whoever may
 * read its database entity in the catalog (a run is its database's business). A run started
 * outside Backstage has no entity and is read by services only. Anyone else is told there is no
 * such run, exactly as for an id that does not exist: a 404 that does not confirm it exists.
 */
import type { BackstageCredentials, BackstageServicePrincipal, BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Run } from '@switchyard/core';
import { runNotFound, type RunsService } from './runs-service';

type Reader = BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>;

export async function readableRun(
  runs: Pick<RunsService, 'get'>,
  catalog: CatalogService,
  runId: string,
  credentials: Reader,
): Promise<Run> {
  const run = await runs.get(runId);
  if (!(await mayRead(catalog, run, credentials))) throw runNotFound(runId);
  return run;
}

async function mayRead(catalog: CatalogService, run: Run, credentials: Reader): Promise<boolean> {
  if (!run.entityRef) return credentials.principal.type === 'service';
  return (await catalog.getEntityByRef(run.entityRef, { credentials })) !== undefined;
}
