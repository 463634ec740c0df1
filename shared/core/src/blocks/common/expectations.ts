import { isMap, isScalar, isSeq, type ParsedNode } from 'yaml';
import type { Expectation } from '../../runbook/model';
import type { YamlBody, YamlField, YamlString } from '../../runbook/yaml-body';
import type { BlockParseContext } from './block-spec';

/** One guard: `"<cel>"` or `{ that: "<cel>", message: "…" }`. */
export function readExpectation(
  node: ParsedNode | null,
  body: YamlBody,
  ctx: BlockParseContext,
  field: YamlField,
  extra: readonly string[],
  what: string,
): Expectation | undefined {
  if (isScalar(node)) {
    const that = body.string({ ...field, node, pos: body.posOf(node, field.pos) }, what);
    return that && expectation(that, undefined, ctx, extra, what);
  }
  if (isMap(node)) {
    const fields = body.fields(node, ['that', 'message'], what, body.posOf(node, field.pos));
    const thatField = fields?.get('that');
    if (!fields || !thatField) {
      if (fields) ctx.report(body.posOf(node, field.pos), 'missing-key', `${what} needs \`that: <CEL condition>\``);
      return undefined;
    }
    const that = body.string(thatField, `${what} \`that\``);
    const messageField = fields.get('message');
    const message = messageField ? body.string(messageField, `${what} \`message\``) : undefined;
    // A guard's message is rendered with the guard's own variables (its observe names, sql `rows`).
    if (message) ctx.templates(message, extra);
    return that && expectation(that, message?.value, ctx, extra, what);
  }
  ctx.report(field.pos, 'invalid-value', `${what} must be a CEL condition or { that, message }`);
  return undefined;
}

/** `expect:` — a list of guards (a single guard is accepted too). */
export function readExpectations(
  field: YamlField,
  body: YamlBody,
  ctx: BlockParseContext,
  extra: readonly string[],
  what: string,
): Expectation[] {
  const items = isSeq(field.node) ? (field.node.items as Array<ParsedNode | null>) : [field.node];
  return items.flatMap((item) => readExpectation(item, body, ctx, field, extra, what) ?? []);
}

function expectation(
  that: YamlString,
  message: string | undefined,
  ctx: BlockParseContext,
  extra: readonly string[],
  what: string,
): Expectation {
  ctx.cel(that, extra, what);
  return { that: that.value, ...(message !== undefined ? { message } : {}), pos: that.span.posAt(0) };
}

/** `output:` — names mapped to CEL expressions whose values become the step's output. */
export function readOutputs(
  field: YamlField | undefined,
  body: YamlBody,
  ctx: BlockParseContext,
  extra: readonly string[],
): Record<string, string> {
  const output: Record<string, string> = {};
  if (!field) return output;
  if (!isMap(field.node)) {
    ctx.report(field.pos, 'invalid-value', '`output` must map names to CEL expressions', 'e.g. `output: { old_writer: cluster.writer }`');
    return output;
  }
  for (const pair of field.node.items) {
    const keyNode = pair.key as ParsedNode | null;
    const name = isScalar(keyNode) ? String(keyNode.value) : '';
    const keyPos = body.posOf(keyNode, field.pos);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      ctx.report(
        keyPos,
        'invalid-output-name',
        `output name \`${name}\` is not an identifier`,
        'use letters, digits and `_`, so it reads as `steps.<id>.output.<name>`',
      );
      continue;
    }
    const valueNode = pair.value as ParsedNode | null;
    const expr = body.string({ key: name, keyPos, node: valueNode, pos: body.posOf(valueNode, keyPos) }, `output \`${name}\``);
    if (!expr) continue;
    ctx.cel(expr, extra, `output \`${name}\``);
    output[name] = expr.value;
  }
  return output;
}
