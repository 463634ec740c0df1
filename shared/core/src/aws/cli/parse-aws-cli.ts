import type { AwsCommand } from '../../runbook/model';
import { closestMatch, suggestion } from '../../runbook/closest-match';
import { lineColumn, type AwsCliError } from './aws-cli-error';
import { conform, type ConformContext } from './conform';
import { GLOBAL_BOOLEAN_OPTIONS, GLOBAL_VALUE_OPTIONS, PAGING_BOOLEAN_OPTIONS, PAGING_VALUE_OPTIONS } from './globals';
import { operationModel, type AwsMemberModel, type AwsOperationModel } from './operation-model';
import { convertScalar } from './scalar';
import { AWS_SERVICES, isAwsServiceName, serviceOperations } from './service-catalog';
import { isComplexList, shapeKind, structMembers } from './shape';
import { parseShorthand, ShorthandSyntaxError } from './shorthand';
import { containsPlaceholder, maskTemplates, type MaskedText } from './templates-mask';
import { tokenizeCli, type CliToken } from './tokenize';

export type { AwsCliError } from './aws-cli-error';

export type AwsCliParse =
  | { ok: true; command: AwsCommand; globals: Record<string, string | boolean> }
  | { ok: false; errors: AwsCliError[] };

export interface AwsCliParseOptions {
  /**
   * Run time: renders the `{{ }}` templates of one word (after tokenizing, so a substituted value
   * is always exactly one word). Without it (validation time) templated values are accepted for
   * any scalar type and left in the input unconverted.
   */
  render?: (token: string) => string;
}

type Report = (offset: number, code: string, message: string, hint?: string) => void;

const EXAMPLE = 'e.g. `aws rds describe-db-clusters --db-cluster-identifier {{ cluster }}`';

/** Parses one AWS CLI command line into the SDK v3 input the AWS CLI would send. */
export function parseAwsCli(text: string, options: AwsCliParseOptions = {}): AwsCliParse {
  const errors: AwsCliError[] = [];
  const report: Report = (offset, code, message, hint) =>
    errors.push({ offset, ...lineColumn(text, offset), code, message, ...(hint ? { hint } : {}) });
  const fail = (): AwsCliParse => ({ ok: false, errors: errors.sort((a, b) => a.offset - b.offset) });

  const tokenized = tokenizeCli(text);
  for (const e of tokenized.errors) report(e.offset, e.code, e.message, e.hint);
  const render = options.render;
  const tokens = render ? tokenized.tokens.map((t) => renderToken(t, render, report)) : tokenized.tokens;
  const values = new ValueParser(report, !render);

  const first = tokens[0];
  if (!first) {
    report(0, 'not-aws-command', 'the aws block holds no command', `write one AWS CLI command, ${EXAMPLE}`);
    return fail();
  }
  if (first.text !== 'aws') {
    report(first.start, 'not-aws-command', `an aws block must hold an AWS CLI command starting with \`aws\`, not \`${first.text}\``, `write the command as in the AWS docs, ${EXAMPLE}; use an \`sh\` block for other programs`);
    return fail();
  }

  const globals: Record<string, string | boolean> = {};
  const seen = new Set<string>();
  let index = 1;
  // Global options may come before the service, as in `aws --region eu-west-1 rds …`.
  while (tokens[index]?.text.startsWith('--')) {
    index = readFlag(tokens, index, undefined, globals, seen, values, report).next;
  }
  const serviceToken = tokens[index++];
  if (!serviceToken) {
    report(first.start, 'missing-operation', 'the command names no service and operation', EXAMPLE);
    return fail();
  }
  const service = serviceToken.text;
  if (!isAwsServiceName(service)) {
    report(serviceToken.start, 'unknown-service', `unknown AWS service \`${service}\``, `Switchyard runs these services: ${AWS_SERVICES.join(', ')}`);
    return fail();
  }
  const operationToken = tokens[index++];
  if (!operationToken || operationToken.text.startsWith('--')) {
    report(serviceToken.start, 'missing-operation', `the command names no ${service} operation`, EXAMPLE);
    return fail();
  }
  const model = operationModel(service, operationToken.text);
  if (!model || model.cliOperation !== operationToken.text) {
    const names = [...serviceOperations(service).byCliName.keys()].sort();
    report(operationToken.start, 'unknown-operation', `unknown ${service} operation \`${operationToken.text}\``, suggestion(operationToken.text, names, 'an operation such as'));
    return fail();
  }

  const input: Record<string, unknown> = {};
  while (index < tokens.length) {
    const read = readFlag(tokens, index, model, globals, seen, values, report);
    if (read.member) input[read.member.member] = read.value;
    index = read.next;
  }
  for (const member of model.members) {
    if (member.required && !seen.has(member.member)) {
      report(operationToken.start, 'missing-required', `\`--${member.flag}\` is required by ${model.cliOperation}`, `add \`--${member.flag} <${member.label}>\``);
    }
  }
  if (errors.length > 0) return fail();
  const command: AwsCommand = { service, cliOperation: model.cliOperation, operation: model.sdkOperation, input, mutating: model.mutating };
  return { ok: true, command, globals };
}

interface ReadFlag {
  next: number;
  member?: AwsMemberModel;
  value?: unknown;
}

type FlagTarget =
  | { type: 'member'; member: AwsMemberModel; negated: boolean }
  | { type: 'global-value' }
  | { type: 'global-switch' }
  | { type: 'unknown' };

function classifyFlag(name: string, model: AwsOperationModel | undefined): FlagTarget {
  const member = model?.byFlag.get(name);
  if (member) return { type: 'member', member, negated: false };
  const negated = name.startsWith('no-') ? model?.byFlag.get(name.slice(3)) : undefined;
  if (negated?.kind === 'boolean') return { type: 'member', member: negated, negated: true };
  const paging = model?.paginated === true;
  if (GLOBAL_VALUE_OPTIONS.has(name) || (paging && PAGING_VALUE_OPTIONS.has(name))) return { type: 'global-value' };
  if (GLOBAL_BOOLEAN_OPTIONS.has(name) || (paging && PAGING_BOOLEAN_OPTIONS.has(name))) return { type: 'global-switch' };
  return { type: 'unknown' };
}

/** Words a flag takes: a list all up to the next flag (an unknown flag too, to skip them), a switch none, the rest one. */
function arity(target: FlagTarget): number {
  if (target.type === 'unknown') return Infinity;
  if (target.type === 'global-switch') return 0;
  if (target.type === 'global-value') return 1;
  return target.member.kind === 'list' ? Infinity : target.member.kind === 'boolean' ? 0 : 1;
}

/** Reads one `--flag [values…]` (or `--flag=value`) starting at `index`. */
function readFlag(
  tokens: CliToken[],
  index: number,
  model: AwsOperationModel | undefined,
  globals: Record<string, string | boolean>,
  seen: Set<string>,
  values: ValueParser,
  report: Report,
): ReadFlag {
  const token = tokens[index];
  let next = index + 1;
  if (!token.text.startsWith('--')) {
    report(token.start, 'unexpected-argument', `unexpected word \`${token.text}\``, 'every value follows its `--flag`, and booleans take none (`--flag` or `--no-flag`); quote a value that contains spaces');
    return { next };
  }
  const eq = token.text.indexOf('=');
  const name = token.text.slice(2, eq < 0 ? undefined : eq);
  const target = classifyFlag(name, model);
  const args: CliToken[] = eq < 0 ? [] : [sliceToken(token, eq + 1)];
  while (eq < 0 && args.length < arity(target) && next < tokens.length && !tokens[next].text.startsWith('--')) args.push(tokens[next++]);
  const once = (key: string): boolean => {
    if (seen.has(key)) {
      report(token.start, 'duplicate-flag', `\`--${name}\` is given twice`, 'give each flag once; a list flag takes several values after one flag');
      return false;
    }
    seen.add(key);
    return true;
  };
  const noValue = (hint: string): void => {
    for (const extra of args) report(extra.start, 'unexpected-argument', `\`--${name}\` takes no value, but got \`${extra.text}\``, hint);
  };

  switch (target.type) {
    case 'member': {
      const { member } = target;
      if (member.kind === 'boolean') {
        noValue(`booleans take no value: write \`--${member.flag}\` for true or \`--no-${member.flag}\` for false`);
        return once(member.member) ? { next, member, value: !target.negated } : { next };
      }
      if (args.length === 0) {
        report(token.start, 'missing-value', `\`--${name}\` needs a value (${member.label})`);
        return { next };
      }
      const value = values.convert(member, args, `--${name}`);
      return once(member.member) ? { next, member, value } : { next };
    }
    case 'global-value':
      if (args.length === 0) report(token.start, 'missing-value', `\`--${name}\` needs a value`);
      else if (once(`global:${name}`)) globals[name] = args[0].text;
      return { next };
    case 'global-switch':
      noValue(`\`--${name}\` is a switch`);
      if (once(`global:${name}`)) globals[name] = true;
      return { next };
    case 'unknown':
      reportUnknownFlag(token, name, model, report);
      return { next };
  }
}

function reportUnknownFlag(token: CliToken, name: string, model: AwsOperationModel | undefined, report: Report): void {
  const paging = model?.paginated === true;
  const candidates = [
    ...(model?.members.flatMap((m) => (m.kind === 'boolean' ? [m.flag, `no-${m.flag}`] : [m.flag])) ?? []),
    ...GLOBAL_VALUE_OPTIONS,
    ...GLOBAL_BOOLEAN_OPTIONS,
    ...(paging ? [...PAGING_VALUE_OPTIONS, ...PAGING_BOOLEAN_OPTIONS] : []),
  ];
  const near = closestMatch(name, candidates);
  const what = model ? `for ${model.service} ${model.cliOperation}` : '(not a global option)';
  const flags = model ? model.members.map((m) => `--${m.flag}`).join(' ') : '';
  report(token.start, 'unknown-flag', `unknown flag \`--${name}\` ${what}`, near ? `did you mean \`--${near}\`?` : model ? `its flags are: ${flags}` : undefined);
}

/** Converts a flag's words to the SDK value its member's schema asks for. */
class ValueParser {
  constructor(
    private readonly report: Report,
    private readonly templatesAllowed: boolean,
  ) {}

  private isTemplated(text: string): boolean {
    return this.templatesAllowed && (text.includes('{{') || containsPlaceholder(text));
  }

  convert(member: AwsMemberModel, args: CliToken[], flag: string): unknown {
    const { kind, schema } = member;
    if (kind === 'list') {
      const complex = isComplexList(schema);
      const firstText = args[0].text.trimStart();
      if (args.length === 1 && firstText.startsWith('[')) return this.json(args[0], schema, flag);
      if (complex && firstText.startsWith('{')) return args.map((a, i) => this.json(a, schema.getValueSchema(), `${flag}[${i}]`));
      if (complex) return args.map((a, i) => this.shorthand(a, schema.getValueSchema(), `${flag}[${i}]`));
      return args.map((a) => this.scalar(a, shapeKind(schema.getValueSchema()), flag));
    }
    for (const extra of args.slice(1)) {
      this.report(extra.start, 'unexpected-argument', `\`${flag}\` takes one value; \`${extra.text}\` is extra`, 'quote a value that contains spaces');
    }
    const arg = args[0];
    if (kind === 'document') return this.json(arg, schema, flag);
    if (kind === 'structure' || kind === 'map') {
      if (arg.text.trimStart().startsWith('{')) return this.json(arg, schema, flag);
      const members = structMembers(schema);
      // The CLI's special case: a structure whose only member is a string `Value` takes a bare word.
      if (members.length === 1 && members[0][0] === 'Value' && shapeKind(members[0][1]) === 'string' && !arg.text.includes('=')) {
        return { Value: arg.text };
      }
      return this.shorthand(arg, schema, flag);
    }
    return this.scalar(arg, kind, flag);
  }

  private scalar(arg: CliToken, kind: ReturnType<typeof shapeKind>, flag: string): unknown {
    if (this.isTemplated(arg.text)) return arg.text;
    if (/^fileb?:\/\//.test(arg.text)) {
      this.report(arg.start, 'invalid-value', `${flag}: file references (\`${arg.text.split('//')[0]}//\`) are not supported in runbooks`, 'write the value inline');
      return arg.text;
    }
    const converted = convertScalar(arg.text, kind);
    if (!converted.ok) this.report(arg.start, 'invalid-value', `${flag}: ${converted.message}`);
    return converted.ok ? converted.value : arg.text;
  }

  private mask(arg: CliToken, json: boolean): MaskedText {
    if (this.templatesAllowed) return maskTemplates(arg.text, json);
    return { masked: arg.text, originalIndex: (i) => i, restore: (v) => v };
  }

  private offsetOf(arg: CliToken, masked: MaskedText, index: number | undefined): number {
    if (index === undefined) return arg.start;
    return arg.offsets[masked.originalIndex(index)] ?? arg.start;
  }

  private json(arg: CliToken, schema: AwsMemberModel['schema'], flag: string): unknown {
    const masked = this.mask(arg, true);
    let parsed: unknown;
    try {
      parsed = JSON.parse(masked.masked);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const position = /position (\d+)/.exec(message);
      this.report(this.offsetOf(arg, masked, position ? Number(position[1]) : undefined), 'invalid-json', `${flag}: invalid JSON: ${message}`, 'quote JSON with single quotes so the shell keeps it one word');
      return arg.text;
    }
    return masked.restore(this.conform(parsed, schema, flag, arg, masked, 'json'));
  }

  private shorthand(arg: CliToken, schema: AwsMemberModel['schema'], flag: string): unknown {
    const masked = this.mask(arg, false);
    try {
      const { value, keyOffsets } = parseShorthand(masked.masked);
      return masked.restore(this.conform(value, schema, flag, arg, masked, 'shorthand', keyOffsets));
    } catch (error) {
      if (!(error instanceof ShorthandSyntaxError)) throw error;
      this.report(this.offsetOf(arg, masked, error.index), 'invalid-value', `${flag}: invalid shorthand: ${error.message}`, 'write `Key=Value,Key2=Value2` (lists as `Key=a,b` or `Key=[a,b]`), or JSON');
      return arg.text;
    }
  }

  private conform(
    value: unknown,
    schema: AwsMemberModel['schema'],
    flag: string,
    arg: CliToken,
    masked: MaskedText,
    mode: ConformContext['mode'],
    keyOffsets?: ConformContext['keyOffsets'],
  ): unknown {
    const ctx: ConformContext = { mode, isTemplated: (s) => this.isTemplated(s), keyOffsets, issues: [] };
    const result = conform(value, schema, flag, ctx);
    for (const issue of ctx.issues) this.report(this.offsetOf(arg, masked, issue.at), issue.code, masked.restore(issue.message), issue.hint);
    return result;
  }
}

function sliceToken(token: CliToken, from: number): CliToken {
  return { text: token.text.slice(from), offsets: token.offsets.slice(from), start: token.offsets[from] ?? token.start };
}

function renderToken(token: CliToken, render: (text: string) => string, report: Report): CliToken {
  try {
    const text = render(token.text);
    return text === token.text ? token : { text, offsets: Array.from(text, () => token.start), start: token.start };
  } catch (error) {
    report(token.start, 'template-error', `cannot render \`${token.text}\`: ${error instanceof Error ? error.message : String(error)}`);
    return token;
  }
}
