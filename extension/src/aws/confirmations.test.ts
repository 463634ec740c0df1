import { Confirmations } from './confirmations';
import type { MutationRequest } from './mutation-request';

const request = (id: string): MutationRequest => ({
  service: 'rds',
  operation: 'FailoverDBCluster',
  input: { DBClusterIdentifier: id },
  region: 'us-east-1',
  target: 'aws',
  sandbox: false,
  identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice', userId: 'A' },
});

it('lists the calls awaiting the operator per target, and forgets them once answered', () => {
  const c = new Confirmations(() => new Date('2026-12-04T14:27:00Z'));
  let changes = 0;
  c.onDidChange(() => changes++);
  const a = request('prod-app');
  c.phase('aws:prod@us-east-1', 'asking', a);
  c.phase('sandbox', 'asking', request('sandbox-app'));
  expect(c.list('aws:prod@us-east-1')).toEqual([
    {
      id: 1,
      phase: 'asking',
      targetId: 'aws:prod@us-east-1',
      action: 'Fail over prod-app',
      where: 'REAL AWS account 123456789012, us-east-1',
      since: '2026-12-04T14:27:00.000Z',
    },
  ]);
  c.phase('aws:prod@us-east-1', 'paused', a);
  expect(c.list('aws:prod@us-east-1')[0]).toMatchObject({ id: 1, phase: 'paused' });
  c.phase('aws:prod@us-east-1', 'settled', a);
  expect(c.list().map((p) => p.targetId)).toEqual(['sandbox']);
  expect(changes).toBe(4);
});

it('a paused call resumes once; resuming an unknown or answered one says so', async () => {
  const c = new Confirmations();
  const a = request('prod-app');
  c.phase('t', 'paused', a);
  const waiting = c.paused(a);
  const id = c.list()[0].id;
  expect(c.resume(id)).toBe(true);
  await expect(waiting).resolves.toBeUndefined();
  expect(c.resume(id)).toBe(false);
  expect(c.resume(999)).toBe(false);
});

it('a paused call rejects when its run is stopped, even if stopped before it paused', async () => {
  const c = new Confirmations();
  const a = request('prod-app');
  c.phase('t', 'paused', a);
  const stop = new AbortController();
  const waiting = c.paused(a, stop.signal);
  stop.abort();
  await expect(waiting).rejects.toThrow('the run was stopped');
  const stopped = new AbortController();
  stopped.abort();
  await expect(c.paused(a, stopped.signal)).rejects.toThrow('the run was stopped');
});
