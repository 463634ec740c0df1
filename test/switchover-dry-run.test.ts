/**
 * `switchyard run runbooks/blue-green-switchover.md --dry-run` on the simulator's demo fleet
 * previews every step to the last one: steps whose inputs exist only after a real switchover (the
 * "Switchover completed" event the cost tags are dated from) are previewed and marked as not known
 * before the real run — neither failed nor silently skipped — and nothing mutating reaches AWS.
 */
import { RunbookHarness } from './support/runbook-harness';

let h: RunbookHarness;
beforeEach(async () => (h = await RunbookHarness.start(500)));
afterEach(async () => h.close());

it('previews the whole switchover runbook to its last step, marking the inputs only a real switchover makes, and sends no mutating call', async () => {
  const before = h.requestCount();
  const result = await h.run('blue-green-switchover.md', { deployment: 'prod-app-pg16-upgrade' }, { extraArgs: ['--dry-run'] });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const ended = result.events.filter(
    (e) => e.type === 'step' && e.phase !== 'rollback' && e.status && !['running', 'waiting'].includes(e.status),
  );
  expect(ended.at(-1)).toMatchObject({ stepId: 'untag_prod', status: 'succeeded' });
  expect(ended.find((e) => e.status === 'failed')).toBeUndefined();
  // The switchover was only previewed, so its "completed" event does not exist: the date is unknown, and said so.
  expect(result.outputs.tag_plan.decommission_by).toBe('‹not known before the real run: steps.tag_plan.output.decommission_by›');
  expect(result.log).toMatch(/dry-run: output decommission_by is not known before the real run \(earlier changes were only previewed\)/);
  expect(result.log).toMatch(/dry-run: would call TagResources .*switchyard:decommission-by/);
  expect(result.log.match(/dry-run: inputs not known before the real run: steps\.tag_plan\.output\.decommission_by/g)).toHaveLength(2); // one TagResources per region of the old environment
  expect(result.log).toMatch(/dry-run: would call UntagResources/);
  expect(result.log).toMatch(/dry-run: would call SwitchoverBlueGreenDeployment/);
  // Reads only.
  expect(h.mutations(before)).toEqual([]);
  expect((await h.deployment('prod-app-pg16-upgrade'))!.Status).toBe('AVAILABLE');
});
