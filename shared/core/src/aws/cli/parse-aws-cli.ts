import type { AwsCommand } from '../../runbook/model';
import { suggestedByHint, suggestion } from '../../runbook/closest-match';
import { lineColumn, type AwsCliError } from './aws-cli-error';
import { operationModel } from './operation-model';
import { readFlag, type ParsedGlobals } from './read-flag';
import { fillTemplates } from './render-hole';
import type { Report } from './report';
import { AWS_SERVICES, isAwsServiceName, serviceOperations } from './service-catalog';
import { withTemplateText } from './template-hole';
import { tokenizeCli, type CliToken } from './tokenize';
import { ValueParser } from './value-parser';

export type { AwsCliError } from './aws-cli-error';

export type AwsCliParse =
  { ok: true; command: AwsCommand; globals: Record<string, string | boolean> } | { ok: false; errors: AwsCliError[] };

export interface AwsCliParseOptions {
  /**
   * Run time: the variables the `{{ }}` templates see (params, `steps`, `run`). The line is parsed
   * with its templates unrendered either way, so the command's structure (service, operation,
   * flags, global options, the shape of every value) comes from the runbook text alone; then each
   * template's value fills the one value it stands for, typed from the SDK schema. Without it
   * (validation time) the input keeps each template's text where its value will go.
   */
  scope?: Record<string, unknown>;
}

const EXAMPLE = 'e.g. `aws rds describe-db-clusters --db-cluster-identifier {{ cluster }}`';

/** Parses one AWS CLI command line into the SDK v3 input the AWS CLI would send. */
export function parseAwsCli(text: string, options: AwsCliParseOptions = {}): AwsCliParse {
  const errors: AwsCliError[] = [];
  const report: Report = (offset, code, message, hint) =>
    errors.push({ offset, ...lineColumn(text, offset), code, message, ...(hint ? { hint } : {}) });
  const fail = (): AwsCliParse => ({ ok: false, errors: errors.sort((a, b) => a.offset - b.offset) });

  const { tokens, errors: syntaxErrors } = tokenizeCli(text);
  for (const e of syntaxErrors) report(e.offset, e.code, e.message, e.hint);
  const values = new ValueParser(report);

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

  const globals: ParsedGlobals = {};
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
  if (templated(serviceToken, 'service', report)) return fail();
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
  if (templated(operationToken, 'operation', report)) return fail();
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
  if (globals['no-paginate'] === true && globals['page-size'] !== undefined) {
    // The AWS CLI's own refusal (awscli customizations/paginate.py, ensure_paging_params_not_set).
    report(
      operationToken.start,
      'unsupported-paging-option',
      'Cannot specify --no-paginate along with pagination arguments: --page-size',
      'give one of them',
    );
  }
  // A misspelled required flag is one mistake: its "did you mean" says it all, so it is not also reported missing.
  const misspelled = new Set(errors.filter((e) => e.code === 'unknown-flag').map((e) => suggestedByHint(e.hint)));
  for (const member of model.members) {
    if (member.required && !seen.has(member.member) && !misspelled.has(`--${member.flag}`)) {
      report(
        operationToken.start,
        'missing-required',
        `\`--${member.flag}\` is required by ${model.cliOperation}`,
        `add \`--${member.flag} <${member.label}>\``,
      );
    }
  }
  if (errors.length > 0) return fail();
  // The structure is settled; only now do the templates' values fill their places.
  const fill = <T>(value: T): T => (options.scope ? fillTemplates(value, options.scope, report) : withTemplateText(value));
  const filled = { input: fill(input), globals: fill(globals) as Record<string, string | boolean> };
  if (errors.length > 0) return fail();
  const command: AwsCommand = {
    service,
    cliOperation: model.cliOperation,
    operation: model.sdkOperation,
    input: filled.input,
    mutating: model.mutating,
    ...(typeof filled.globals.query === 'string' ? { query: filled.globals.query } : {}),
  };
  return { ok: true, command, globals: filled.globals };
}

/** A template cannot choose the service or the operation: they decide what the line does. */
function templated(token: CliToken, what: 'service' | 'operation', report: Report): boolean {
  if (!token.text.includes('{{')) return false;
  report(
    token.start,
    'template-not-a-value',
    `\`${token.text}\` makes the ${what} a template: the ${what} comes from the runbook text, a template can only be a value`,
    `write the ${what} itself, ${EXAMPLE}`,
  );
  return true;
}
