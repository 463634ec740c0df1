import { conform, type ConformContext } from './conform';
import type { AwsMemberModel } from './operation-model';
import type { Report } from './report';
import { convertScalar } from './scalar';
import { isComplexList, shapeKind, structMembers } from './shape';
import { parseShorthand, ShorthandSyntaxError } from './shorthand';
import { containsPlaceholder, maskTemplates, type MaskedText } from './templates-mask';
import type { CliToken } from './tokenize';

/**
 * Converts a flag's words to the SDK value its member's schema asks for, the way the AWS CLI
 * does: scalars per type, lists from several words or a JSON array, structures and maps from
 * `Key=Value` shorthand or JSON. At validation time templated values pass unconverted.
 */
export class ValueParser {
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
      this.report(
        arg.start,
        'invalid-value',
        `${flag}: file references (\`${arg.text.split('//')[0]}//\`) are not supported in runbooks`,
        'write the value inline',
      );
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
      this.report(
        this.offsetOf(arg, masked, position ? Number(position[1]) : undefined),
        'invalid-json',
        `${flag}: invalid JSON: ${message}`,
        'quote JSON with single quotes so the shell keeps it one word',
      );
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
      this.report(
        this.offsetOf(arg, masked, error.index),
        'invalid-value',
        `${flag}: invalid shorthand: ${error.message}`,
        'write `Key=Value,Key2=Value2` (lists as `Key=a,b` or `Key=[a,b]`), or JSON',
      );
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
    for (const issue of ctx.issues)
      this.report(this.offsetOf(arg, masked, issue.at), issue.code, masked.restore(issue.message), issue.hint);
    return result;
  }
}
