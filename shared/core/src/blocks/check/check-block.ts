import type { BlockBase, Expectation, ObserveSource } from '../../runbook/model';
import { readExpectations, readOutputs } from '../common/expectations';
import { readObserve } from '../common/observe';
import { readOnFailure } from '../common/shared-fields';
import type { BlockSpec } from '../common/block-spec';

export interface CheckBlock extends BlockBase {
  kind: 'check';
  observe: Record<string, ObserveSource>;
  expect: Expectation[];
  /** Named CEL expressions whose values become the step's output. */
  output: Record<string, string>;
  /** `for: 10m`: the guards must hold at every poll for this long (a watch window); 0 = once, now. */
  holdSeconds: number;
  intervalSeconds: number;
}

/**
 * ```check — guards that must all hold now, or at every poll for a watch window (`for`); a
 * failed guard stops the run before anything mutates.
 *   observe: { cluster: { cluster: "{{ cluster }}" } }
 *   expect:
 *     - cluster.allAvailable
 *     - that: size(cluster.readers) >= 1
 *       message: at least one reader to fail over to
 *   output: { old_writer: cluster.writer }
 */
export const CHECK_KEYS = ['observe', 'expect', 'output', 'for', 'interval', 'on-failure'] as const;
export const DEFAULT_CHECK_INTERVAL_SECONDS = 10;

export const checkBlock: BlockSpec<CheckBlock> = {
  kind: 'check',
  options: [],
  parse(fence, ctx, base) {
    const parsed = ctx.yaml('the check block');
    if (!parsed) return undefined;
    const { body, root } = parsed;
    const fields = body.fields(root, CHECK_KEYS, 'check block', fence.pos);
    if (!fields) return undefined;
    const observe = readObserve(fields.get('observe'), body, ctx, ctx.reserved);
    const extra = Object.keys(observe);
    const expectField = fields.get('expect');
    const outputField = fields.get('output');
    if (!expectField && !outputField) {
      ctx.report(
        fence.pos,
        'missing-expect',
        'a check block needs `expect:` guards (or at least an `output:`)',
        'e.g. `expect: [ cluster.allAvailable ]`',
      );
    }
    const expect = expectField ? readExpectations(expectField, body, ctx, extra, 'check `expect`') : [];
    const output = readOutputs(outputField, body, ctx, extra);
    const holdField = fields.get('for');
    const holdSeconds = holdField ? body.duration(holdField, 'check `for`') : 0;
    const intervalField = fields.get('interval');
    const intervalSeconds = intervalField ? body.duration(intervalField, 'check `interval`') : DEFAULT_CHECK_INTERVAL_SECONDS;
    const onFailure = readOnFailure(fields.get('on-failure'), ctx);
    if (holdSeconds === undefined || intervalSeconds === undefined) return undefined;
    return { ...base, kind: 'check', observe, expect, output, holdSeconds, intervalSeconds, ...onFailure };
  },
  mutates: () => false,
};
