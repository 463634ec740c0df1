import { closestMatch, didYouMean } from '../../runbook/closest-match';
import { GLOBAL_BOOLEAN_OPTIONS, GLOBAL_VALUE_OPTIONS, PAGING_BOOLEAN_OPTIONS, PAGING_VALUE_OPTIONS } from './globals';
import type { AwsMemberModel, AwsOperationModel } from './operation-model';
import type { Report } from './report';
import type { TemplateHole } from './template-hole';
import type { CliToken } from './tokenize';
import type { ValueParser } from './value-parser';

export interface ReadFlag {
  next: number;
  member?: AwsMemberModel;
  value?: unknown;
}

/** Paging options whose answer is part of the result plus a token to continue with (see `paging.ts`). */
const UNSUPPORTED_PAGING = new Set(['max-items', 'starting-token']);

type FlagTarget =
  { type: 'member'; member: AwsMemberModel; negated: boolean } | { type: 'global-value' } | { type: 'global-switch' } | { type: 'unknown' };

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

/** Global options as parsed: a value, a switch, or a hole for a templated value. */
export type ParsedGlobals = Record<string, string | boolean | TemplateHole>;

/**
 * Reads one `--flag [values…]` (or `--flag=value`) starting at `index`. Words are still
 * unrendered: a `{{ template }}` word is always a value, whatever it renders to.
 */
export function readFlag(
  tokens: CliToken[],
  index: number,
  model: AwsOperationModel | undefined,
  globals: ParsedGlobals,
  seen: Set<string>,
  values: ValueParser,
  report: Report,
): ReadFlag {
  const token = tokens[index];
  let next = index + 1;
  if (!token.text.startsWith('--')) {
    report(
      token.start,
      'unexpected-argument',
      `unexpected word \`${token.text}\``,
      'every value follows its `--flag`, and booleans take none (`--flag` or `--no-flag`); quote a value that contains spaces',
    );
    return { next };
  }
  const eq = token.text.indexOf('=');
  const name = token.text.slice(2, eq < 0 ? undefined : eq);
  if (name.includes('{{')) {
    report(
      token.start,
      'template-not-a-value',
      `\`${token.text}\` is a flag made by a template: flags come from the runbook text, a template can only be a value`,
      'write the flag itself, e.g. `--db-cluster-identifier {{ cluster }}`; use `when:` or separate blocks to choose between flags',
    );
    while (next < tokens.length && !tokens[next].text.startsWith('--')) next++;
    return { next };
  }
  const target = classifyFlag(name, model);
  const args: CliToken[] = eq < 0 ? [] : [sliceToken(token, eq + 1)];
  while (eq < 0 && args.length < arity(target) && next < tokens.length && !tokens[next].text.startsWith('--')) args.push(tokens[next++]);
  const once = (key: string): boolean => {
    if (seen.has(key)) {
      report(
        token.start,
        'duplicate-flag',
        `\`--${name}\` is given twice`,
        'give each flag once; a list flag takes several values after one flag',
      );
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
      if (UNSUPPORTED_PAGING.has(name)) {
        // The AWS CLI would print part of the answer and a NextToken to continue with: a step's
        // output is the whole answer (every page, merged as the AWS CLI merges them), never part.
        report(
          token.start,
          'unsupported-paging-option',
          `\`--${name}\` is not supported in a runbook: the step reads every page, merged as the AWS CLI merges them`,
          "leave it out and narrow the answer with `--query` (e.g. `--query 'Events[:5]'`) or the operation's own filters; `--page-size` only sets how many items each request returns",
        );
        return { next };
      }
      if (args.length === 0) report(token.start, 'missing-value', `\`--${name}\` needs a value`);
      else if (once(`global:${name}`)) globals[name] = values.global(name, args[0]);
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
  report(
    token.start,
    'unknown-flag',
    `unknown flag \`--${name}\` ${what}`,
    near ? didYouMean(`--${near}`) : model ? `its flags are: ${flags}` : undefined,
  );
}

/** The part of a word from `from` on (the value of `--flag=value`). */
export function sliceToken(token: CliToken, from: number): CliToken {
  return { text: token.text.slice(from), offsets: token.offsets.slice(from), start: token.offsets[from] ?? token.start };
}
