import type { BlockBase, Expectation, ObserveSource } from '../../runbook/model';
import { readExpectation, readOutputs } from '../common/expectations';
import { readObserve } from '../common/observe';
import { readOnFailure } from '../common/shared-fields';
import type { BlockSpec } from '../common/block-spec';

export interface WaitBlock extends BlockBase {
  kind: 'wait';
  observe: Record<string, ObserveSource>;
  until: Expectation;
  /** The condition must hold continuously this long (seconds); 0 = once. */
  holdSeconds: number;
  timeoutSeconds: number;
  intervalSeconds: number;
  output: Record<string, string>;
}

/**
 * ```wait — poll live state until a condition holds (optionally continuously `for` a while);
 * `timeout` is required so a run never hangs.
 *   observe: { cluster: { cluster: "{{ cluster }}" } }
 *   until: cluster.writer == params.target
 *   for: 1m
 *   timeout: 10m
 *   interval: 5s
 *   output: { writer: cluster.writer }
 */
export const WAIT_KEYS = ['observe', 'until', 'for', 'timeout', 'interval', 'output', 'on-failure'] as const;
export const DEFAULT_WAIT_INTERVAL_SECONDS = 5;

export const waitBlock: BlockSpec<WaitBlock> = {
  kind: 'wait',
  options: [],
  parse(fence, ctx, base) {
    const parsed = ctx.yaml('the wait block');
    if (!parsed) return undefined;
    const { body, root } = parsed;
    const fields = body.fields(root, WAIT_KEYS, 'wait block', fence.pos);
    if (!fields) return undefined;
    const observe = readObserve(fields.get('observe'), body, ctx, ctx.reserved);
    const extra = Object.keys(observe);
    const untilField = fields.get('until');
    const timeoutField = fields.get('timeout');
    if (!untilField)
      ctx.report(
        fence.pos,
        'missing-until',
        'a wait block needs `until: <CEL condition>`',
        'e.g. `until: cluster.writer == params.target`',
      );
    if (!timeoutField) {
      ctx.report(
        fence.pos,
        'wait-without-timeout',
        'a wait block needs a `timeout`',
        'add e.g. `timeout: 10m`: a wait must end, it fails the step when the time is up',
      );
    }
    const until = untilField && readExpectation(untilField.node, body, ctx, untilField, extra, 'wait `until`');
    const timeoutSeconds = timeoutField && body.duration(timeoutField, 'wait `timeout`');
    const holdField = fields.get('for');
    const holdSeconds = holdField ? body.duration(holdField, 'wait `for`') : 0;
    const intervalField = fields.get('interval');
    const intervalSeconds = intervalField ? body.duration(intervalField, 'wait `interval`') : DEFAULT_WAIT_INTERVAL_SECONDS;
    const output = readOutputs(fields.get('output'), body, ctx, extra);
    const onFailure = readOnFailure(fields.get('on-failure'), ctx);
    if (!until || timeoutSeconds === undefined || holdSeconds === undefined || intervalSeconds === undefined) return undefined;
    return { ...base, kind: 'wait', observe, until, holdSeconds, timeoutSeconds, intervalSeconds, output, ...onFailure };
  },
  mutates: () => false,
};
