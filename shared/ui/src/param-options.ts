/**
 * What a runbook param's picker offers, from the live topology and the known clusters. Pure, so
 * the form stays a thin view and these choices are tested without rendering.
 */
import type { Topology } from '@switchyard/core';
import { greenClusterIds, isOfferedCluster, offeredInstances } from '@switchyard/core/model';
import type { ClusterOption, ParamValues, RunbookParam } from './api-types';

export interface ParamOption {
  value: string;
  label: string;
}

export interface OptionSources {
  topology?: Topology | null;
  clusters?: ClusterOption[];
}

function unique(options: ParamOption[]): ParamOption[] {
  const seen = new Set<string>();
  return options.filter((o) => (seen.has(o.value) ? false : (seen.add(o.value), true)));
}

/** The page's cluster, its old environment in a rollback window and the known clusters; never a green before its switchover (core param-choices). */
function clusterOptions({ topology, clusters }: OptionSources): ParamOption[] {
  const out: ParamOption[] = [];
  const greens = greenClusterIds(topology?.blueGreen ?? []);
  if (topology) {
    if (isOfferedCluster({ clusterId: topology.cluster.id }, greens))
      out.push({ value: topology.cluster.id, label: `${topology.cluster.id} (${topology.cluster.region})` });
    for (const bg of topology.blueGreen) {
      if (bg.pageIs === 'target' && bg.blue)
        out.push({ value: bg.blue.clusterId, label: `${bg.blue.clusterId} (old environment of ${bg.deployment.targetClusterId})` });
    }
  }
  for (const c of clusters ?? []) if (isOfferedCluster(c, greens)) out.push({ value: c.clusterId, label: `${c.clusterId} (${c.region})` });
  return unique(out);
}

function instanceOptions(param: RunbookParam, values: ParamValues, { topology }: OptionSources): ParamOption[] | null {
  if (!topology) return null;
  const chosenCluster = param.of ? values[param.of] : topology.cluster.id;
  // Members are only known for the cluster the topology describes; another cluster gets a text box.
  if (chosenCluster !== topology.cluster.id) return null;
  return offeredInstances(param, topology.instances).map((i) => ({
    value: i.id,
    label: `${i.id} — ${i.role}, ${i.class}, ${i.az}, tier ${i.tier}`,
  }));
}

function regionOptions({ topology, clusters }: OptionSources): ParamOption[] {
  const regions: string[] = [];
  if (topology) {
    regions.push(topology.cluster.region);
    for (const r of topology.global?.regions ?? []) regions.push(r.region);
  }
  for (const c of clusters ?? []) regions.push(c.region);
  return unique(regions.map((r) => ({ value: r, label: r })));
}

function blueGreenOptions({ topology, clusters }: OptionSources): ParamOption[] {
  const out: ParamOption[] = [];
  for (const bg of topology?.blueGreen ?? []) {
    out.push({ value: bg.deployment.id, label: `${bg.deployment.name} (${bg.stage})` });
  }
  for (const c of clusters ?? []) {
    for (const bg of c.blueGreen ?? []) out.push({ value: bg.id, label: `${bg.name} (${bg.stage})` });
  }
  return unique(out);
}

function globalOptions({ topology, clusters }: OptionSources): ParamOption[] {
  const out: ParamOption[] = [];
  if (topology?.global) out.push({ value: topology.global.id, label: `${topology.global.id} (${topology.global.regions.length} regions)` });
  for (const c of clusters ?? []) if (c.globalClusterId) out.push({ value: c.globalClusterId, label: c.globalClusterId });
  return unique(out);
}

/**
 * The choices for one param, or null when it is free text (or a picker with nothing known to
 * offer, which then falls back to a text box rather than an empty select).
 */
export function paramOptions(param: RunbookParam, values: ParamValues, sources: OptionSources): ParamOption[] | null {
  if (param.choices && param.choices.length > 0) return param.choices.map((c) => ({ value: String(c), label: String(c) }));
  let options: ParamOption[] | null;
  switch (param.type) {
    case 'rds-cluster':
      options = clusterOptions(sources);
      break;
    case 'rds-instance':
      options = instanceOptions(param, values, sources);
      break;
    case 'aws-region':
      options = regionOptions(sources);
      break;
    case 'blue-green-deployment':
      options = blueGreenOptions(sources);
      break;
    case 'global-cluster':
      options = globalOptions(sources);
      break;
    default:
      options = null;
  }
  return options && options.length > 0 ? options : null;
}

/**
 * Starting values: the declared default, else (for a required picker) the obvious choice from
 * the topology — the cluster on screen, its Global Database, its one Blue/Green deployment.
 */
export function initialParamValues(params: RunbookParam[], sources: OptionSources): ParamValues {
  const values: ParamValues = {};
  for (const p of params) {
    if (p.default !== undefined) {
      values[p.name] = p.default;
      continue;
    }
    if (p.type === 'boolean') {
      values[p.name] = false;
      continue;
    }
    const t = sources.topology;
    if (p.required && t) {
      if (p.type === 'rds-cluster') values[p.name] = t.cluster.id;
      else if (p.type === 'aws-region') values[p.name] = t.cluster.region;
      else if (p.type === 'global-cluster' && t.global) values[p.name] = t.global.id;
      else if (p.type === 'blue-green-deployment' && t.blueGreen.length === 1) values[p.name] = t.blueGreen[0].deployment.id;
    }
    if (values[p.name] === undefined) values[p.name] = '';
  }
  return values;
}
