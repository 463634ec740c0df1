import { oneBlock } from '../common/testing/one-block';
import type { ApproveBlock } from './approve-block';

describe('approve', () => {
  it('takes a plain-text message, with templates', () => {
    const { block: approve, codes } = oneBlock('approve', 'Fail over {{ cluster }}: sure?');
    expect(codes).toEqual([]);
    expect(approve as ApproveBlock).toMatchObject({
      message: 'Fail over {{ cluster }}: sure?',
      fourEyes: true,
      approvers: [],
      templates: [{ expr: 'cluster', pos: { line: 8, column: 11 } }],
    });
  });

  it('takes YAML when the body starts with one of its keys', () => {
    const { block: approve } = oneBlock('approve', 'four-eyes: false\napprovers: [dba]\nmessage: ok?');
    expect(approve as ApproveBlock).toMatchObject({ message: 'ok?', fourEyes: false, approvers: ['dba'] });
    expect((oneBlock('approve', '').block as ApproveBlock).message).toBe('Approve “A”?');
  });
});
