import { isMap, isScalar, isSeq, type ParsedNode } from 'yaml';
import { suggestion } from './closest-match';
import { DURATION_HINT, parseDuration } from './duration';
import { isCelIdentifier } from './identifiers';
import { PARAM_TYPES, type ParamSpec, type ParamType, type SourcePos } from './model';
import type { Reporter, YamlBody } from './yaml-body';

export const PARAM_KEYS = ['type', 'required', 'default', 'description', 'of', 'enum', 'secret'] as const;
/** Variables every expression already has; a param cannot take their names. */
export const RESERVED_NAMES = ['params', 'steps', 'run'] as const;
const STRING_TYPES: ReadonlySet<ParamType> = new Set([
  'string',
  'rds-cluster',
  'rds-instance',
  'global-cluster',
  'blue-green-deployment',
  'aws-region',
  'sql',
]);

/**
 * params:
 *   cluster: rds-cluster                       # shorthand: just the type
 *   target: { type: rds-instance, of: cluster, required: false, description: … }
 *   hold: { type: duration, default: 2m }
 */
export function readParams(node: ParsedNode, body: YamlBody, report: Reporter): ParamSpec[] {
  if (!isMap(node)) return [];
  const specs: ReadParam[] = [];
  for (const pair of node.items) {
    const keyNode = pair.key as ParsedNode | null;
    const name = isScalar(keyNode) ? String(keyNode.value) : '';
    const pos = body.posOf(keyNode, { line: 1, column: 1 });
    if (!isCelIdentifier(name) || (RESERVED_NAMES as readonly string[]).includes(name)) {
      report(
        pos,
        'invalid-param-name',
        `param name \`${name}\` cannot be used in expressions`,
        `use letters, digits and \`_\` (not a CEL keyword, nor ${RESERVED_NAMES.join(', ')})`,
      );
      continue;
    }
    const read = readParam(name, pair.value as ParsedNode | null, pos, body, report);
    if (read) specs.push(read);
  }
  const all = specs.map((s) => s.spec);
  for (const { spec, ofPos } of specs) checkOf(spec, ofPos, all, report);
  return all;
}

interface ReadParam {
  spec: ParamSpec;
  ofPos: SourcePos;
}

function readParam(name: string, node: ParsedNode | null, pos: SourcePos, body: YamlBody, report: Reporter): ReadParam | undefined {
  if (isScalar(node) && typeof node.value === 'string') {
    const type = paramType(node.value, body.posOf(node, pos), report);
    return { spec: { name, type, required: true, pos }, ofPos: pos };
  }
  if (node === null || (isScalar(node) && node.value === null)) return { spec: { name, type: 'string', required: true, pos }, ofPos: pos };
  const fields = body.fields(node, PARAM_KEYS, `param \`${name}\``, pos);
  if (!fields) return undefined;
  const typeField = fields.get('type');
  const typeText = typeField ? body.string(typeField, `param \`${name}\` type`) : undefined;
  const type = typeField && typeText ? paramType(typeText.value, typeField.pos, report) : 'string';
  const spec: ParamSpec = { name, type, required: true, pos };
  const description = fields.get('description');
  if (description) spec.description = body.string(description, `param \`${name}\` description`)?.value;
  const enumField = fields.get('enum');
  if (enumField) {
    const values = isSeq(enumField.node) ? enumField.node.items.map((i) => body.toJS(i as ParsedNode | null)) : undefined;
    const bad = values?.find((v) => !matchesType(v, type));
    if (!values) report(enumField.pos, 'invalid-value', `param \`${name}\` \`enum\` must be a list of allowed values`);
    else if (bad !== undefined)
      report(enumField.pos, 'param-type-mismatch', `param \`${name}\` \`enum\` value ${JSON.stringify(bad)} is not a ${type}`);
    else spec.enum = values as Array<string | number>;
  }
  const defaultField = fields.get('default');
  if (defaultField) {
    const value = body.toJS(defaultField.node);
    if (!matchesType(value, type)) {
      report(
        defaultField.pos,
        'param-type-mismatch',
        `param \`${name}\` is a ${type}, but its default ${JSON.stringify(value)} is not`,
        defaultHint(type),
      );
    } else if (spec.enum && !spec.enum.includes(value as string | number)) {
      report(defaultField.pos, 'param-type-mismatch', `param \`${name}\` default ${JSON.stringify(value)} is not one of its enum values`);
    } else {
      spec.default = value as string | number | boolean;
    }
  }
  const requiredField = fields.get('required');
  const required = requiredField ? body.boolean(requiredField, `param \`${name}\` required`) : undefined;
  spec.required = required ?? defaultField === undefined;
  const ofField = fields.get('of');
  if (ofField) spec.of = body.string(ofField, `param \`${name}\` of`)?.value;
  const secretField = fields.get('secret');
  if (secretField && body.boolean(secretField, `param \`${name}\` secret`)) {
    spec.secret = true;
    if (defaultField) {
      report(
        defaultField.pos,
        'invalid-value',
        `param \`${name}\` is secret, so it cannot have a default: the default would be in the runbook for anyone to read`,
        'remove the default; whoever starts the run gives the value',
      );
    }
  }
  return { spec, ofPos: ofField?.pos ?? pos };
}

/** The declared type; an unknown one is reported and read as `string`, so uses of the param are still checked. */
function paramType(text: string, pos: SourcePos, report: Reporter): ParamType {
  if ((PARAM_TYPES as readonly string[]).includes(text)) return text as ParamType;
  report(pos, 'unknown-param-type', `unknown param type \`${text}\``, suggestion(text, PARAM_TYPES, 'one of'));
  return 'string';
}

/** `of` names the `rds-cluster` param whose instances an `rds-instance` param is picked from. */
function checkOf(spec: ParamSpec, pos: SourcePos, all: ParamSpec[], report: Reporter): void {
  if (spec.of === undefined) return;
  const target = all.find((p) => p.name === spec.of);
  if (spec.type !== 'rds-instance') {
    report(pos, 'invalid-param-ref', `param \`${spec.name}\`: \`of\` applies to rds-instance params only`);
  } else if (!target) {
    report(
      pos,
      'unknown-param-ref',
      `param \`${spec.name}\` is \`of: ${spec.of}\`, but no param \`${spec.of}\` is declared`,
      suggestion(
        spec.of,
        all.map((p) => p.name),
        'a declared param such as',
      ),
    );
  } else if (target.type !== 'rds-cluster') {
    report(pos, 'invalid-param-ref', `param \`${spec.name}\` is \`of: ${spec.of}\`, which is a ${target.type}, not an rds-cluster`);
  }
}

export function matchesType(value: unknown, type: ParamType): boolean {
  if (type === 'number') return typeof value === 'number';
  if (type === 'boolean') return typeof value === 'boolean';
  if (type === 'duration') return parseDuration(value) !== undefined;
  return STRING_TYPES.has(type) && typeof value === 'string';
}

function defaultHint(type: ParamType): string {
  if (type === 'number') return 'write a number without quotes';
  if (type === 'boolean') return 'write true or false without quotes';
  if (type === 'duration') return DURATION_HINT;
  return 'quote the value so YAML reads it as a string';
}
