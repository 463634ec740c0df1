/**
 * The shapes the components take that are not core models. They mirror
 * plugins/switchyard-common/src/api-types.ts structurally (TypeScript matches by shape), so the
 * Backstage plugin passes its `RunbookSummary` as is and the VS Code panel builds the same shape
 * from a parsed runbook, without this package depending on a Backstage package.
 */
import type { FleetCluster, ParamType } from '@switchyard/core';

/** Mirrors `RunbookParamSummary`. */
export interface RunbookParam {
  name: string;
  type: ParamType;
  description?: string;
  required: boolean;
  default?: string | number | boolean;
  /** For `rds-instance`: the `rds-cluster` param whose members are offered. */
  of?: string;
  /** Allowed values when the runbook declares an enumeration. */
  choices?: Array<string | number>;
  /** A password or token: typed hidden, never stored with the run. */
  secret?: boolean;
  /** An `rds-instance` param naming the reader a failover promotes: the writer is not offered. */
  promotes?: boolean;
  /** Connections every block using it needs (data guards). */
  needsConnections?: string[];
  /** Why the host does not ask for it (its connections are not configured): the form hides it. */
  unavailable?: string;
}

/** The part of `RunbookSummary` the params form reads. */
export interface RunbookForForm {
  id: string;
  title: string;
  description?: string;
  params: RunbookParam[];
  mutating?: boolean;
  /** The shapes it applies to and its Blue/Green stages (core runbookAppliesTo, runbookStages): which pages offer it. */
  appliesTo?: string[];
  stages?: string[];
  /** It moves the writer: not offered on a Global Database secondary. */
  needsWriter?: boolean;
}

/** What the current user may do on the run's entity (mirrors `EntityPermissions` without createRun). */
export interface RunPermissions {
  approve: boolean;
  control: boolean;
  user: string;
}

/** A cluster the pickers may offer: a fleet row, or just its id and region. */
export type ClusterOption = Pick<FleetCluster, 'clusterId' | 'region'> &
  Partial<Pick<FleetCluster, 'globalClusterId' | 'blueGreen' | 'writer' | 'status' | 'greenOf'>>;

/** Values the params form submits: numbers, booleans, and strings (durations as typed, e.g. `2m`). */
export type ParamValues = Record<string, string | number | boolean>;

/** One line of a spend-over-time chart: a migration's daily spend (Cost Explorer days fit as is). */
export interface CostSeries {
  migration: string;
  points: Array<{ date: string; usd: number; estimated?: boolean }>;
}
