import type { BlockBase } from '../../runbook/model';
import type { BlockSpec } from '../common/block-spec';

export interface ApproveBlock extends BlockBase {
  kind: 'approve';
  message: string;
  /** The approver must differ from the run's starter. */
  fourEyes: boolean;
  /** Users or groups allowed to approve; empty = anyone. */
  approvers: string[];
}

/**
 * ```approve — a human gate. The body is either plain text (the message), or YAML when its
 * first line is one of the keys:
 *   message: Promote {{ secondary }} and accept data loss?
 *   four-eyes: true        # default: the approver must not be the run's starter
 *   approvers: [dba-oncall, sre-leads]
 */
export const APPROVE_KEYS = ['message', 'four-eyes', 'approvers'] as const;
const YAML_FORM = new RegExp(`^\\s*(${APPROVE_KEYS.join('|')})\\s*:`);

export const approveBlock: BlockSpec<ApproveBlock> = {
  kind: 'approve',
  options: [],
  parse(fence, ctx, base) {
    const defaultMessage = `Approve “${ctx.step.name}”?`;
    const firstLine = fence.body.text.split('\n').find((l) => l.trim() !== '') ?? '';
    if (!YAML_FORM.test(firstLine)) {
      const text = fence.body.text.trim();
      ctx.templates({ value: fence.body.text, span: fence.body });
      return { ...base, kind: 'approve', message: text || defaultMessage, fourEyes: true, approvers: [] };
    }
    const parsed = ctx.yaml('the approve block');
    if (!parsed) return undefined;
    const { body, root } = parsed;
    const fields = body.fields(root, APPROVE_KEYS, 'approve block', fence.pos);
    if (!fields) return undefined;
    const messageField = fields.get('message');
    const message = messageField ? body.string(messageField, 'approve `message`') : undefined;
    if (message) ctx.templates(message);
    const fourEyesField = fields.get('four-eyes');
    const fourEyes = fourEyesField ? body.boolean(fourEyesField, 'approve `four-eyes`') : true;
    const approversField = fields.get('approvers');
    const approvers = approversField ? body.strings(approversField, 'approve `approvers`') : [];
    if (fourEyes === undefined || approvers === undefined || (messageField && !message)) return undefined;
    return {
      ...base,
      kind: 'approve',
      message: message?.value.trim() || defaultMessage,
      fourEyes,
      approvers: approvers.map((a) => a.value),
    };
  },
  mutates: () => false,
};
