import { FakeAws } from '../engine/testing/fake-aws';
import { parseRunbook } from '../runbook/parse-runbook';
import { reconcileBlock } from './dispatch';
import type { Block } from './registry';

const SOURCE =
  '---\nlocks: ["rds-cluster:c1"]\n---\n## A\n```aws\naws rds reboot-db-instance --db-instance-identifier db-0\n```\n```sh\necho hi\n```\n';

function blocks(): Block[] {
  return parseRunbook('rb.md', SOURCE).runbook!.steps[0].blocks;
}

describe('reconcileBlock', () => {
  const call = { blockIndex: 0, service: 'rds', operation: 'RebootDBInstance', input: { DBInstanceIdentifier: 'db-0' }, sentAt: '' };

  it("asks the block's kind", async () => {
    const aws = new FakeAws();
    expect(await reconcileBlock(blocks()[0], aws, call)).toMatchObject({
      verdict: 'unknown',
      evidence: expect.stringMatching(/^db-0 is /),
    });
    expect(aws.calls.map((c) => c.operation)).toEqual(['DescribeDBInstances']);
  });

  it('hands a kind without a reconciler to the operator', async () => {
    expect(await reconcileBlock(blocks()[1], new FakeAws(), { ...call, blockIndex: 1 })).toEqual({
      verdict: 'unknown',
      evidence: 'Switchyard cannot tell from live state whether the sh block took effect',
    });
  });
});
