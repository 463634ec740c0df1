/**
 * Compile-time proof that @switchyard/ui's mirrored shapes (shared/ui/src/api-types.ts) still match
 * the REST contract in switchyard-common: `yarn build` (tsc -p plugins/switchyard) fails on drift.
 * The UI package cannot import the plugin's types itself (it must build without Backstage).
 */
import type { EntityPermissions, RunbookParamSummary, RunbookSummary } from '@switchyard/backstage-plugin-switchyard-common';
import type { RunbookForForm, RunbookParam, RunPermissions } from '@switchyard/ui';

/** `true` only when A and B are the same type, optional members included (TypeScript's identity check). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** `true` when every A is usable where B is expected. */
type Fits<A, B> = [A] extends [B] ? true : false;

export const uiContractHolds: [
  Same<RunbookParam, RunbookParamSummary>,
  Fits<RunbookSummary, RunbookForForm>,
  Same<RunPermissions, Omit<EntityPermissions, 'createRun'>>,
] = [true, true, true];
