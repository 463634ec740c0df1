import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The fleet page, mounted at `/switchyard` by adopters. */
export const rootRouteRef = createRouteRef({ id: 'switchyard' });

/** The Database tab of a database entity. */
export const entityContentRouteRef = createRouteRef({ id: 'switchyard:entity-content' });

/** A rollout's page, under the fleet page: `/switchyard/rollouts/:id`. */
export const rolloutRouteRef = createSubRouteRef({ id: 'switchyard:rollout', parent: rootRouteRef, path: '/rollouts/:id' });
