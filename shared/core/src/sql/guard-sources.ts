import { isMap, isScalar, isSeq, type ParsedNode } from 'yaml';
import type { BlockParseContext } from '../blocks/common/block-spec';
import type { DataGuardSource } from '../runbook/model';
import type { YamlBody, YamlField, YamlString } from '../runbook/yaml-body';
import { BYTE_SIZE_HINT, parseByteSize } from './byte-size';

/**
 * The observe grammar of data guards. Comparisons name both sides inside their map:
 *   sums:  { checksum: { left: blue, right: green, tables: [orders], chunk: 10000 } }
 *   same:  { replay: { left: blue, right: green, queries: [ "select …" ] } }
 *   drift: { pg-settings: { left: blue, right: green, ignore: [ … ] } }
 * single-server guards name their connection, options beside it:
 *   slots: { slots: blue, max-retained: 1GB }
 *   lag:   { pg-lag: blue, replica: bg_sub, max: 1s }
 */
export const DATA_GUARD_KEYS = {
  checksum: [],
  replay: [],
  'pg-settings': [],
  slots: ['max-retained', 'allow-inactive', 'timeout'],
  'pg-lag': ['replica', 'max', 'max-bytes', 'timeout'],
} as const;
export type DataGuardKind = keyof typeof DATA_GUARD_KEYS;

const PAIR_KEYS = {
  checksum: ['left', 'right', 'tables', 'chunk', 'recheck', 'settle', 'timeout'],
  replay: ['left', 'right', 'queries', 'max-rows', 'recheck', 'settle', 'timeout'],
  'pg-settings': ['left', 'right', 'only', 'ignore', 'timeout'],
} as const;

export const DATA_GUARD_DEFAULTS = {
  chunk: 10_000,
  recheck: 2,
  settleSeconds: 1,
  maxRows: 100_000,
  /** Comparisons read whole tables; single-server guards one catalog view. */
  pairTimeoutSeconds: 600,
  timeoutSeconds: 30,
  maxRetained: '1GB',
  maxLagSeconds: 1,
};

type Text = (f: YamlField | undefined, label: string) => YamlString | undefined;

export function readDataGuard(
  kind: DataGuardKind,
  main: YamlField,
  fields: Map<string, YamlField>,
  body: YamlBody,
  ctx: BlockParseContext,
  what: string,
  text: Text,
): DataGuardSource | undefined {
  const reader = new GuardFields(body, ctx, what, text);
  switch (kind) {
    case 'checksum':
    case 'replay':
    case 'pg-settings':
      return readPair(kind, main, reader);
    case 'slots': {
      const connection = text(main, 'slots');
      const maxRetainedBytes = reader.size(fields.get('max-retained'), 'max-retained', DATA_GUARD_DEFAULTS.maxRetained);
      const allowInactive = reader.names(fields.get('allow-inactive'), 'allow-inactive') ?? [];
      const timeoutSeconds = reader.duration(fields.get('timeout'), 'timeout', DATA_GUARD_DEFAULTS.timeoutSeconds);
      if (!connection || maxRetainedBytes === undefined || timeoutSeconds === undefined) return undefined;
      return { kind, connection: connection.value, maxRetainedBytes, allowInactive, timeoutSeconds };
    }
    case 'pg-lag': {
      const connection = text(main, 'pg-lag');
      const replica = text(fields.get('replica'), 'replica');
      const maxSeconds = reader.duration(fields.get('max'), 'max', DATA_GUARD_DEFAULTS.maxLagSeconds);
      const maxBytesField = fields.get('max-bytes');
      const maxBytes = maxBytesField ? reader.size(maxBytesField, 'max-bytes') : undefined;
      const timeoutSeconds = reader.duration(fields.get('timeout'), 'timeout', DATA_GUARD_DEFAULTS.timeoutSeconds);
      if (!connection || maxSeconds === undefined || timeoutSeconds === undefined || (maxBytesField && maxBytes === undefined))
        return undefined;
      return {
        kind,
        connection: connection.value,
        ...(replica ? { replica: replica.value } : {}),
        maxSeconds,
        ...(maxBytes !== undefined ? { maxBytes } : {}),
        timeoutSeconds,
      };
    }
  }
}

function readPair(kind: keyof typeof PAIR_KEYS, main: YamlField, r: GuardFields): DataGuardSource | undefined {
  const inner = r.body.fields(main.node, PAIR_KEYS[kind], `${r.what} \`${kind}\``, main.pos);
  if (!inner) return undefined;
  const side = (key: 'left' | 'right') => {
    const f = inner.get(key);
    if (!f)
      r.ctx.report(
        main.pos,
        'missing-key',
        `${r.what} \`${kind}\` needs \`${key}: <connection>\``,
        'e.g. `{ left: blue, right: green, … }`',
      );
    return r.text(f, key)?.value;
  };
  const left = side('left');
  const right = side('right');
  const timeoutSeconds = r.duration(inner.get('timeout'), 'timeout', DATA_GUARD_DEFAULTS.pairTimeoutSeconds);
  if (kind === 'pg-settings') {
    const only = r.names(inner.get('only'), 'only');
    const ignore = r.names(inner.get('ignore'), 'ignore') ?? [];
    if (!left || !right || timeoutSeconds === undefined) return undefined;
    return { kind, left, right, ...(only ? { only } : {}), ignore, timeoutSeconds };
  }
  const recheck = r.count(inner.get('recheck'), 'recheck', DATA_GUARD_DEFAULTS.recheck, 0);
  const settleSeconds = r.duration(inner.get('settle'), 'settle', DATA_GUARD_DEFAULTS.settleSeconds);
  if (kind === 'checksum') {
    const tablesField = inner.get('tables');
    if (!tablesField)
      r.ctx.report(main.pos, 'missing-key', `${r.what} \`checksum\` needs \`tables: [<table>, …]\``, 'tables with a primary key');
    const tables = r.names(tablesField, 'tables');
    const chunk = r.count(inner.get('chunk'), 'chunk', DATA_GUARD_DEFAULTS.chunk, 1);
    if (
      !left ||
      !right ||
      !tables ||
      chunk === undefined ||
      recheck === undefined ||
      settleSeconds === undefined ||
      timeoutSeconds === undefined
    )
      return undefined;
    return { kind, left, right, tables, chunk, recheck, settleSeconds, timeoutSeconds };
  }
  const queries = readQueries(inner.get('queries'), main, r);
  const maxRows = r.count(inner.get('max-rows'), 'max-rows', DATA_GUARD_DEFAULTS.maxRows, 1);
  if (
    !left ||
    !right ||
    !queries ||
    maxRows === undefined ||
    recheck === undefined ||
    settleSeconds === undefined ||
    timeoutSeconds === undefined
  )
    return undefined;
  return { kind, left, right, queries, maxRows, recheck, settleSeconds, timeoutSeconds };
}

/** `queries:` — SQL strings (named q1, q2, … by position) or `{ name, query }` maps. */
function readQueries(field: YamlField | undefined, main: YamlField, r: GuardFields): Array<{ name: string; sql: string }> | undefined {
  const what = `${r.what} \`replay\` \`queries\``;
  if (!field || !isSeq(field.node) || !field.node.items.length) {
    r.ctx.report(
      field?.pos ?? main.pos,
      field ? 'invalid-value' : 'missing-key',
      `${what} must be a list of queries`,
      'e.g. `queries: [ "select status, count(*) from orders group by status" ]`',
    );
    return undefined;
  }
  const queries: Array<{ name: string; sql: string }> = [];
  (field.node.items as Array<ParsedNode | null>).forEach((node, i) => {
    const item: YamlField = { key: `q${i + 1}`, keyPos: field.keyPos, node, pos: r.body.posOf(node, field.pos) };
    if (isMap(node)) {
      const fields = r.body.fields(node, ['name', 'query'], `${what} item`, item.pos);
      const name = r.text(fields?.get('name'), 'name');
      const sql = r.text(fields?.get('query'), 'query');
      if (sql) r.ctx.sqlQuery(sql);
      if (fields && !fields.get('query')) r.ctx.report(item.pos, 'missing-key', `${what} item needs \`query:\``);
      if (sql) queries.push({ name: name?.value ?? item.key, sql: sql.value });
    } else {
      const sql = r.text(item, 'query');
      if (sql) r.ctx.sqlQuery(sql);
      if (sql) queries.push({ name: item.key, sql: sql.value });
    }
  });
  return queries.length === field.node.items.length ? queries : undefined;
}

/** Typed option readers; numbers and sizes are literal (a template could not be checked here). */
class GuardFields {
  constructor(
    readonly body: YamlBody,
    readonly ctx: BlockParseContext,
    readonly what: string,
    readonly text: Text,
  ) {}

  duration(field: YamlField | undefined, label: string, fallback: number): number | undefined {
    return field ? this.body.duration(field, `${this.what} \`${label}\``) : fallback;
  }

  count(field: YamlField | undefined, label: string, fallback: number, min: number): number | undefined {
    if (!field) return fallback;
    const node = field.node;
    if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= min) return node.value;
    this.ctx.report(field.pos, 'invalid-value', `${this.what} \`${label}\` must be a whole number of at least ${min}`);
    return undefined;
  }

  size(field: YamlField | undefined, label: string, fallback?: string): number | undefined {
    if (!field) return fallback === undefined ? undefined : parseByteSize(fallback);
    const bytes = parseByteSize(isScalar(field.node) ? field.node.value : undefined);
    if (bytes === undefined) this.ctx.report(field.pos, 'invalid-value', `${this.what} \`${label}\` is not a size`, BYTE_SIZE_HINT);
    return bytes;
  }

  /** A list of names (tables, parameters, slots); templates allowed in each. */
  names(field: YamlField | undefined, label: string): string[] | undefined {
    if (!field) return undefined;
    const items = this.body.strings(field, `${this.what} \`${label}\``);
    items?.forEach((n) => this.ctx.templates(n));
    return items?.map((n) => n.value);
  }
}
