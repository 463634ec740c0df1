import { isMap, isScalar, type ParsedNode } from 'yaml';
import { suggestion } from '../../runbook/closest-match';
import { isCelIdentifier } from '../../runbook/identifiers';
import type { ObserveSource } from '../../runbook/model';
import { DATA_GUARD_KEYS, readDataGuard } from '../../sql/guard-sources';
import type { YamlBody, YamlField, YamlString } from '../../runbook/yaml-body';
import type { BlockParseContext } from './block-spec';

/** Each observe source kind: the key that names it and the other keys it accepts. */
const SOURCE_KEYS = {
  cluster: ['region', 'optional'],
  instance: ['region', 'optional'],
  'global-cluster': ['region', 'optional'],
  'blue-green': ['region', 'optional'],
  metric: ['namespace', 'dimensions', 'stat', 'period', 'window', 'region', 'optional'],
  alarms: ['region', 'optional'],
  events: ['region', 'optional'],
  ...DATA_GUARD_KEYS,
} as const satisfies Record<string, readonly string[]>;
type SourceKey = keyof typeof SOURCE_KEYS;
const KINDS = Object.keys(SOURCE_KEYS) as SourceKey[];

/**
 * `observe:` — the live objects a wait/check block asks the engine for, each under a name that
 * becomes a CEL variable:
 *   observe:
 *     cluster: { cluster: "{{ cluster }}" }
 *     lag: { metric: AuroraReplicaLag, dimensions: { DBClusterIdentifier: "{{ cluster }}" }, window: 2m }
 */
export function readObserve(
  field: YamlField | undefined,
  body: YamlBody,
  ctx: BlockParseContext,
  reserved: ReadonlySet<string>,
): Record<string, ObserveSource> {
  const sources: Record<string, ObserveSource> = {};
  if (!field) return sources;
  if (!isMap(field.node)) {
    ctx.report(
      field.pos,
      'invalid-observe',
      '`observe` must map names to sources',
      'e.g. `observe: { cluster: { cluster: "{{ cluster }}" } }`',
    );
    return sources;
  }
  for (const pair of field.node.items) {
    const keyNode = pair.key as ParsedNode | null;
    const name = isScalar(keyNode) ? String(keyNode.value) : '';
    const keyPos = body.posOf(keyNode, field.pos);
    if (!isCelIdentifier(name)) {
      ctx.report(keyPos, 'invalid-observe-name', `observe name \`${name}\` is not a CEL identifier`, 'use letters, digits and `_`');
      continue;
    }
    if (reserved.has(name)) {
      ctx.report(
        keyPos,
        'invalid-observe-name',
        `observe name \`${name}\` would hide the runbook variable \`${name}\``,
        'pick another name',
      );
      continue;
    }
    const valueNode = pair.value as ParsedNode | null;
    const source = readSource({ key: name, keyPos, node: valueNode, pos: body.posOf(valueNode, keyPos) }, body, ctx);
    if (source) sources[name] = source;
  }
  return sources;
}

function readSource(field: YamlField, body: YamlBody, ctx: BlockParseContext): ObserveSource | undefined {
  const what = `observe \`${field.key}\``;
  if (!isMap(field.node)) {
    ctx.report(
      field.pos,
      'invalid-observe',
      `${what} must be a map naming one source kind`,
      `e.g. \`{ cluster: "{{ cluster }}" }\`; kinds: ${KINDS.join(', ')}`,
    );
    return undefined;
  }
  const present = field.node.items
    .map((p) => (isScalar(p.key) ? String(p.key.value) : ''))
    .filter((k): k is SourceKey => (KINDS as string[]).includes(k));
  if (present.length !== 1) {
    const first = field.node.items[0]?.key as ParsedNode | null | undefined;
    const firstKey = isScalar(first) ? String(first.value) : '';
    ctx.report(
      field.pos,
      'invalid-observe',
      `${what} must name exactly one source kind${present.length ? `, not ${present.join(' and ')}` : ''}`,
      present.length ? undefined : suggestion(firstKey, KINDS, 'one of'),
    );
    return undefined;
  }
  const kind = present[0];
  const fields = body.fields(field.node, [kind, ...SOURCE_KEYS[kind]], what, field.pos);
  const main = fields?.get(kind);
  if (!fields || !main) return undefined;
  const text = (f: YamlField | undefined, label: string): YamlString | undefined => {
    const s = f && body.string(f, `${what} \`${label}\``);
    if (s) ctx.templates(s);
    return s;
  };
  // Every AWS source may name the region it reads (a Global Database secondary, say); default: the run's.
  const regionField = fields.get('region');
  const region = regionField ? text(regionField, 'region')?.value : undefined;
  // `optional: true`: a read AWS refuses or does not answer binds `{ readError: {...} }` instead of
  // failing the step, so a triage can still say what to do when the API itself is the problem.
  const optionalField = fields.get('optional');
  const optional = optionalField ? body.boolean(optionalField, `${what} \`optional\``) : undefined;
  const inRegion = <S extends ObserveSource>(source: S | undefined): S | undefined =>
    source && (region || optional) ? { ...source, ...(region ? { region } : {}), ...(optional ? { optional } : {}) } : source;
  switch (kind) {
    case 'cluster':
    case 'instance':
    case 'global-cluster':
    case 'blue-green': {
      const id = text(main, kind);
      return inRegion(id && { kind, id: id.value });
    }
    case 'metric':
      return inRegion(readMetric(main, fields, body, ctx, what, text));
    case 'alarms':
      return inRegion(readAlarms(main, body, ctx, what, text));
    case 'events':
      return inRegion(readEvents(main, body, ctx, what, text));
    case 'checksum':
    case 'replay':
    case 'pg-settings':
    case 'slots':
    case 'pg-lag':
      return readDataGuard(kind, main, fields, body, ctx, what, text);
  }
}

type Text = (f: YamlField | undefined, label: string) => YamlString | undefined;

function readMetric(
  main: YamlField,
  fields: Map<string, YamlField>,
  body: YamlBody,
  ctx: BlockParseContext,
  what: string,
  text: Text,
): ObserveSource | undefined {
  const name = text(main, 'metric');
  const namespace = text(fields.get('namespace'), 'namespace')?.value ?? 'AWS/RDS';
  const stat = text(fields.get('stat'), 'stat')?.value ?? 'Maximum';
  const periodField = fields.get('period');
  const windowField = fields.get('window');
  const periodSeconds = periodField ? body.duration(periodField, `${what} \`period\``) : 60;
  const windowSeconds = windowField ? body.duration(windowField, `${what} \`window\``) : 300;
  const dimensions: Record<string, string> = {};
  const dimensionsField = fields.get('dimensions');
  if (dimensionsField) {
    if (!isMap(dimensionsField.node)) {
      ctx.report(
        dimensionsField.pos,
        'invalid-observe',
        `${what} \`dimensions\` must map dimension names to values`,
        'e.g. `dimensions: { DBClusterIdentifier: "{{ cluster }}" }`',
      );
    } else {
      for (const pair of dimensionsField.node.items) {
        const keyNode = pair.key as ParsedNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : '';
        const keyPos = body.posOf(keyNode, dimensionsField.pos);
        const value = text(
          { key, keyPos, node: pair.value as ParsedNode | null, pos: body.posOf(pair.value as ParsedNode | null, keyPos) },
          `dimension ${key}`,
        );
        if (value) dimensions[key] = value.value;
      }
    }
  }
  if (!name || periodSeconds === undefined || windowSeconds === undefined) return undefined;
  return { kind: 'metric', name: name.value, namespace, dimensions, stat, periodSeconds, windowSeconds };
}

function readAlarms(main: YamlField, body: YamlBody, ctx: BlockParseContext, what: string, text: Text): ObserveSource | undefined {
  if (main.node === null || (isScalar(main.node) && main.node.value === null)) return { kind: 'alarms' };
  if (isScalar(main.node)) {
    const prefix = text(main, 'alarms');
    return prefix && { kind: 'alarms', prefix: prefix.value };
  }
  const fields = body.fields(main.node, ['prefix', 'names'], `${what} \`alarms\``, main.pos);
  if (!fields) return undefined;
  const prefix = text(fields.get('prefix'), 'prefix');
  const namesField = fields.get('names');
  const names = namesField ? body.strings(namesField, `${what} \`names\``) : undefined;
  names?.forEach((n) => ctx.templates(n));
  return { kind: 'alarms', ...(prefix ? { prefix: prefix.value } : {}), ...(names ? { names: names.map((n) => n.value) } : {}) };
}

function readEvents(main: YamlField, body: YamlBody, ctx: BlockParseContext, what: string, text: Text): ObserveSource | undefined {
  if (isScalar(main.node)) {
    const source = text(main, 'events');
    return source && { kind: 'events', sourceId: source.value, sourceType: 'db-cluster', minutes: 60 };
  }
  const fields = body.fields(main.node, ['source', 'type', 'minutes'], `${what} \`events\``, main.pos);
  if (!fields) return undefined;
  const sourceField = fields.get('source');
  if (!sourceField) {
    ctx.report(main.pos, 'missing-key', `${what} \`events\` needs \`source: <cluster or instance id>\``);
    return undefined;
  }
  const source = text(sourceField, 'source');
  const type = text(fields.get('type'), 'type')?.value ?? 'db-cluster';
  const minutesField = fields.get('minutes');
  const minutesNode = minutesField?.node;
  const minutes = minutesField ? (isScalar(minutesNode) && typeof minutesNode.value === 'number' ? minutesNode.value : undefined) : 60;
  if (minutes === undefined) ctx.report(minutesField?.pos ?? main.pos, 'invalid-value', `${what} \`minutes\` must be a number`);
  return source && minutes !== undefined ? { kind: 'events', sourceId: source.value, sourceType: type, minutes } : undefined;
}
