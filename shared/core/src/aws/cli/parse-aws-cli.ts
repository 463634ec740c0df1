import type { AwsCommand } from '../../runbook/model';
import { suggestion } from '../../runbook/closest-match';
import { lineColumn, type AwsCliError } from './aws-cli-error';
import { operationModel } from './operation-model';
import { readFlag } from './read-flag';
import type { Report } from './report';
import { AWS_SERVICES, isAwsServiceName, serviceOperations } from './service-catalog';
import { tokenizeCli, type CliToken } from './tokenize';
import { ValueParser } from './value-parser';

export type { AwsCliError } from './aws-cli-error';

export type AwsCliParse =
  { ok: true; command: AwsCommand; globals: Record<string, string | boolean> } | { ok: false; errors: AwsCliError[] };

export interface AwsCliParseOptions {
  /**
   * Run time: renders the `{{ }}` templates of one word (after tokenizing, so a substituted value
   * is always exactly one word). Without it (validation time) templated values are accepted for
   * any scalar type and left in the input unconverted.
   */
  render?: (token: string) => string;
}

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
    report(
      first.start,
      'not-aws-command',
      `an aws block must hold an AWS CLI command starting with \`aws\`, not \`${first.text}\``,
      `write the command as in the AWS docs, ${EXAMPLE}; use an \`sh\` block for other programs`,
    );
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
    report(
      serviceToken.start,
      'unknown-service',
      `unknown AWS service \`${service}\``,
      `Switchyard runs these services: ${AWS_SERVICES.join(', ')}`,
    );
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
    report(
      operationToken.start,
      'unknown-operation',
      `unknown ${service} operation \`${operationToken.text}\``,
      suggestion(operationToken.text, names, 'an operation such as'),
    );
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
      report(
        operationToken.start,
        'missing-required',
        `\`--${member.flag}\` is required by ${model.cliOperation}`,
        `add \`--${member.flag} <${member.label}>\``,
      );
    }
  }
  if (errors.length > 0) return fail();
  const command: AwsCommand = { service, cliOperation: model.cliOperation, operation: model.sdkOperation, input, mutating: model.mutating };
  return { ok: true, command, globals };
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
