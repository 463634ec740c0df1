import { conform, type ConformContext } from './conform';
import { queryProblem } from './query';
import { unfitGlobalValue } from './global-values';
import type { AwsMemberModel } from './operation-model';
import type { Report } from './report';
import { convertScalar } from './scalar';
import { isComplexList, shapeKind, structMembers } from './shape';
import { parseShorthand, ShorthandSyntaxError } from './shorthand';
import { holeAt, STRUCTURE_HINT, TemplateHole, wholeTemplateExpr } from './template-hole';
import { containsPlaceholder, maskTemplates, type MaskedText } from './templates-mask';
import type { CliToken } from './tokenize';

type Schema = AwsMemberModel['schema'];

/**
 * Converts a flag's words to the SDK value its member's schema asks for, the way the AWS CLI
 * does: scalars per type, lists from several words or a JSON array, structures and maps from
 * `Key=Value` shorthand or JSON. The words still hold their `{{ }}` templates: which syntax a
 * value is written in and its structure are decided from the runbook text, and each template
 * leaves a `TemplateHole` at the one value it stands for.
 */
export class ValueParser {
  constructor(private readonly report: Report) {}

  private isTemplated(text: string): boolean {
    return text.includes('{{') || containsPlaceholder(text);
  }

  convert(member: AwsMemberModel, args: CliToken[], flag: string): unknown {
    const { kind, schema } = member;
    // The whole value is one template: it stands for one value of the member's type (a list, for a list).
    if (args.length === 1 && wholeTemplateExpr(args[0].text) !== undefined && !valueOnly(schema))
      return this.template(args[0], schema, flag);
    if (kind === 'list') {
      const item = schema.getValueSchema();
      if (args.length === 1 && opens(args[0], '[')) return this.json(args[0], schema, flag);
      if (!isComplexList(schema)) return args.map((a) => this.scalar(a, item, flag));
      return args.map((a, i) => {
        const path = `${flag}[${i}]`;
        if (wholeTemplateExpr(a.text) !== undefined) return this.template(a, item, path);
        return opens(a, '{') ? this.json(a, item, path) : this.shorthand(a, item, path);
      });
    }
    for (const extra of args.slice(1)) {
      this.report(
        extra.start,
        'unexpected-argument',
        `\`${flag}\` takes one value; \`${extra.text}\` is extra`,
        'quote a value that contains spaces',
      );
    }
    const arg = args[0];
    if (kind === 'document') return this.json(arg, schema, flag);
    if (kind === 'structure' || kind === 'map') {
      if (opens(arg, '{')) return this.json(arg, schema, flag);
      const value = valueOnly(schema);
      if (value && !syntaxOf(arg).includes('=')) return { Value: this.scalar(arg, value, `${flag}.Value`) };
      return this.shorthand(arg, schema, flag);
    }
    return this.scalar(arg, schema, flag);
  }

  /** The value of a global option: checked as it is written, or a hole checked once rendered. */
  global(name: string, arg: CliToken): string | TemplateHole {
    if (name === 'query') return this.query(arg);
    if (this.isTemplated(arg.text)) return new TemplateHole(arg.text, { type: 'global', option: name }, `--${name}`, arg.start);
    const what = unfitGlobalValue(name, arg.text);
    if (what) this.report(arg.start, 'invalid-value', `--${name}: ${JSON.stringify(arg.text)} is not ${what}`);
    return arg.text;
  }

  /** `--query` is part of the runbook, checked as JMESPath now: a template may not write it. */
  private query(arg: CliToken): string {
    if (this.isTemplated(arg.text)) {
      this.report(
        arg.offsets[arg.text.indexOf('{{')] ?? arg.start,
        'template-not-a-value',
        '`--query` holds a template: the query decides what the step outputs, so it is written out in the runbook',
        'write the JMESPath expression itself, and filter on a param in a later `check` (CEL) instead',
      );
      return arg.text;
    }
    const problem = queryProblem(arg.text);
    if (problem) {
      this.report(
        arg.start,
        'invalid-query',
        `--query ${JSON.stringify(arg.text)} is not a JMESPath expression: ${problem}`,
        "quote the whole expression in single quotes, e.g. --query 'DBClusters[0].DBClusterMembers[].DBInstanceIdentifier' (jmespath.org)",
      );
    }
    return arg.text;
  }

  private scalar(arg: CliToken, schema: Schema, flag: string): unknown {
    if (this.isTemplated(arg.text)) return this.template(arg, schema, flag);
    if (/^fileb?:\/\//.test(arg.text)) {
      this.report(
        arg.start,
        'invalid-value',
        `${flag}: file references (\`${arg.text.split('//')[0]}//\`) are not supported in runbooks`,
        'write the value inline',
      );
      return arg.text;
    }
    const converted = convertScalar(arg.text, shapeKind(schema));
    if (!converted.ok) this.report(arg.start, 'invalid-value', `${flag}: ${converted.message}`);
    return converted.ok ? converted.value : arg.text;
  }

  /** A flag's word that holds templates, at a place of type `schema`. */
  private template(arg: CliToken, schema: Schema, path: string): unknown {
    const offset = arg.offsets[arg.text.indexOf('{{')] ?? arg.start;
    const hole = holeAt(arg.text, schema, path, offset, true);
    if (hole.ok) return hole.value;
    this.report(offset, hole.code, hole.message, hole.hint);
    return arg.text;
  }

  private offsetOf(arg: CliToken, masked: MaskedText, index: number | undefined): number {
    if (index === undefined) return arg.start;
    return arg.offsets[masked.originalIndex(index)] ?? arg.start;
  }

  private json(arg: CliToken, schema: Schema, flag: string): unknown {
    const masked = maskTemplates(arg.text, true);
    let parsed: unknown;
    try {
      parsed = JSON.parse(masked.masked);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const position = /position (\d+)/.exec(message);
      this.report(
        this.offsetOf(arg, masked, position ? Number(position[1]) : undefined),
        'invalid-json',
        `${flag}: invalid JSON: ${masked.restore(message)}`,
        'quote JSON with single quotes so the shell keeps it one word',
      );
      return arg.text;
    }
    return masked.restore(this.conform(parsed, schema, flag, arg, masked, 'json'));
  }

  private shorthand(arg: CliToken, schema: Schema, flag: string): unknown {
    const masked = maskTemplates(arg.text, false);
    try {
      const { value, keyOffsets } = parseShorthand(masked.masked);
      return masked.restore(this.conform(value, schema, flag, arg, masked, 'shorthand', keyOffsets));
    } catch (error) {
      if (!(error instanceof ShorthandSyntaxError)) throw error;
      const template = masked.templateAt(error.index);
      if (template) {
        this.report(
          this.offsetOf(arg, masked, error.index),
          'template-not-a-value',
          `${flag}: \`${template}\` stands where shorthand needs a key, \`=\` or \`,\`: a template can only be a value`,
          STRUCTURE_HINT,
        );
      } else {
        this.report(
          this.offsetOf(arg, masked, error.index),
          'invalid-value',
          `${flag}: invalid shorthand: ${masked.restore(error.message)}`,
          'write `Key=Value,Key2=Value2` (lists as `Key=a,b` or `Key=[a,b]`), or JSON',
        );
      }
      return arg.text;
    }
  }

  private conform(
    value: unknown,
    schema: Schema,
    flag: string,
    arg: CliToken,
    masked: MaskedText,
    mode: ConformContext['mode'],
    keyOffsets?: ConformContext['keyOffsets'],
  ): unknown {
    const ctx: ConformContext = {
      mode,
      isTemplated: (s) => this.isTemplated(s),
      templateOffset: (s) => arg.offsets[masked.templateStart(s) ?? -1],
      template: (s, schema, path) => {
        const offset = ctx.templateOffset(s) ?? arg.start;
        // Shorthand wraps a single value where a list is expected (`Values=x`); JSON does not.
        const hole = holeAt(masked.restore(s), schema, path, offset, mode === 'shorthand');
        if (hole.ok) return hole.value;
        this.report(offset, hole.code, hole.message, hole.hint);
        return s;
      },
      keyOffsets,
      issues: [],
    };
    const result = conform(value, schema, flag, ctx);
    for (const issue of ctx.issues)
      this.report(issue.offset ?? this.offsetOf(arg, masked, issue.at), issue.code, masked.restore(issue.message), issue.hint);
    return result;
  }
}

/** True when a word opens with `char` (`[` or `{`) as JSON, not as a `{{ template }}`. */
function opens(arg: CliToken, char: '[' | '{'): boolean {
  const text = arg.text.trimStart();
  return text.startsWith(char) && !text.startsWith('{{');
}

/** The CLI's special case: a structure whose only member is a string `Value` takes a bare word. */
function valueOnly(schema: Schema): Schema | undefined {
  const members = structMembers(schema);
  return members.length === 1 && members[0][0] === 'Value' && shapeKind(members[0][1]) === 'string' ? members[0][1] : undefined;
}

/** A word's text with its templates masked, to look at its syntax only. */
function syntaxOf(arg: CliToken): string {
  return maskTemplates(arg.text, false).masked;
}
