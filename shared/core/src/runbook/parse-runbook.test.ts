import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AwsBlock, CheckBlock, ShBlock, WaitBlock } from '../blocks/registry';
import { parseRunbook, validateRunbook } from './parse-runbook';

const FAILOVER = path.resolve(__dirname, '../../test-fixtures/valid/failover.md');
const HEAD = '---\nparams:\n  cluster: rds-cluster\nlocks: ["rds-cluster:{{ cluster }}"]\n---\n';

/** Parses a runbook made of the shared front matter and `body`; line 6 is the body's first line. */
function parse(body: string) {
  return parseRunbook('rb.md', HEAD + body);
}
const codes = (body: string) => parse(body).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);

describe('parseRunbook: the sample failover runbook', () => {
  const { runbook, diagnostics } = parseRunbook(FAILOVER, readFileSync(FAILOVER, 'utf8'));

  it('is valid', () => {
    expect(diagnostics).toEqual([]);
    expect(validateRunbook(FAILOVER, readFileSync(FAILOVER, 'utf8'))).toEqual([]);
  });

  it('reads meta, params and locks from the front matter', () => {
    expect(runbook?.meta).toEqual({
      title: 'Controlled Aurora failover',
      description: 'Fail the writer of an Aurora cluster over to a chosen reader and verify the result.',
      tags: ['aurora', 'failover', 'game-day'],
    });
    expect(runbook?.params.map((p) => [p.name, p.type, p.required, p.default])).toEqual([
      ['cluster', 'rds-cluster', true, undefined],
      ['target', 'rds-instance', false, undefined],
      ['max_lag_ms', 'number', false, 1000],
      ['trusted', 'boolean', false, false],
    ]);
    expect(runbook?.params[1]).toMatchObject({ of: 'cluster', pos: { line: 9, column: 3 } });
    expect(runbook?.locks).toEqual([{ key: 'rds-cluster:{{ cluster }}', pos: { line: 17, column: 6 } }]);
  });

  it('makes a step of each ## heading, with explicit or slug ids, and the ## Rollback section of ### headings', () => {
    expect(runbook?.steps.map((s) => [s.id, s.blocks.map((b) => b.kind).join(','), s.mutating])).toEqual([
      ['preflight', 'check', false],
      ['approve_the_failover', 'approve', false],
      ['fail_over', 'aws', true],
      ['wait_for_the_new_writer', 'wait', false],
      ['confirm_the_application_reconnected', '', false],
      ['verify_no_orphaned_replication_slots', 'sql', false],
      ['record', 'sh', true],
    ]);
    expect(runbook?.rollback.map((s) => s.id)).toEqual(['fail_back_to_the_old_writer', 'wait_for_the_old_writer']);
    expect(runbook?.steps[2].rollbackBlocks.map((b) => b.kind)).toEqual(['aws']);
  });

  it('keeps prose (with example fences) and leaves executable fences out of it', () => {
    const manual = runbook?.steps[4];
    expect(manual?.prose).toContain('the operator confirms it');
    expect(manual?.prose).toContain('```bash');
    expect(runbook?.steps[0].prose).toBe('Every member must be available and replica lag low before we touch anything.');
  });

  it('resolves aws blocks to SDK commands with templates kept', () => {
    const block = runbook?.steps[2].blocks[0] as AwsBlock;
    expect(block.command).toEqual({
      service: 'rds',
      cliOperation: 'failover-db-cluster',
      operation: 'FailoverDBCluster',
      input: { DBClusterIdentifier: '{{ cluster }}', TargetDBInstanceIdentifier: '{{ steps.preflight.output.target }}' },
      mutating: true,
    });
    expect(block.templates).toEqual([
      { expr: 'cluster', pos: { line: 60, column: 27 } },
      { expr: 'steps.preflight.output.target', pos: { line: 61, column: 35 } },
    ]);
    expect(block).toMatchObject({ pos: { line: 58, column: 1 }, bodyLine: 59, rollback: false });
  });

  it('reads check and wait blocks with positions of every guard', () => {
    const check = runbook?.steps[0].blocks[0] as CheckBlock;
    expect(check.observe.lag).toEqual({
      kind: 'metric',
      name: 'AuroraReplicaLag',
      namespace: 'AWS/RDS',
      dimensions: { DBClusterIdentifier: '{{ cluster }}' },
      stat: 'Maximum',
      periodSeconds: 60,
      windowSeconds: 120,
    });
    expect(check.expect[1]).toEqual({
      that: 'size(cluster.readers) >= 1',
      message: 'there must be a reader to fail over to',
      pos: { line: 39, column: 11 },
    });
    expect(check.output).toEqual({ old_writer: 'cluster.writer', target: 'has(params.target) ? params.target : cluster.failoverTarget' });
    const wait = runbook?.steps[3].blocks[0] as WaitBlock;
    expect(wait).toMatchObject({ holdSeconds: 30, timeoutSeconds: 600, intervalSeconds: 5, output: { writer: 'cluster.writer' } });
    expect(wait.until.pos).toEqual({ line: 73, column: 8 });
  });

  it('reads info-string options and `when:`', () => {
    const sh = runbook?.steps[6].blocks[0] as ShBlock;
    expect(sh).toMatchObject({
      timeoutSeconds: 60,
      when: { expr: 'trusted', pos: { line: 106, column: 24 } },
      script: 'echo "failover of {{ cluster }} done"\n',
    });
  });
});

describe('parseRunbook: structure', () => {
  it('takes the title from the first # heading when the front matter has none', () => {
    expect(parse('# Fail over\n\n## Look\n\nManual.\n').runbook?.meta.title).toBe('Fail over');
  });

  it('reports a step after the Rollback section, and a rollback block inside it', () => {
    expect(codes('## A\n\n## Rollback\n\n### Undo A\n\n```sh rollback\necho\n```\n\n## B\n')).toEqual([
      '12:1 invalid-rollback-block',
      '16:1 step-after-rollback',
    ]);
  });

  it('reports executable blocks outside a step, and invalid explicit ids', () => {
    expect(codes('```sh\necho\n```\n\n## A {#not-an-id}\n')).toEqual(['6:1 block-outside-step', '10:1 invalid-step-id']);
  });

  it('treats known languages and bare fences as prose, and flags executable intent on them', () => {
    expect(codes('## A\n\n```bash\necho\n```\n\n```\nplain\n```\n\n```json\n{}\n```\n')).toEqual([]);
    expect(codes('## A\n\n```bash rollback\necho\n```\n')).toEqual(['8:4 unknown-block-kind']);
    expect(parse('## A\n\n```bash rollback\necho\n```\n').diagnostics[0].hint).toContain('did you mean `sh`?');
  });

  it('reports unknown info-string options', () => {
    expect(codes('## A\n\n```aws retries=3\naws sts get-caller-identity\n```\n')).toEqual(['8:8 unknown-block-option']);
    expect(codes('## A\n\n```sh timeout=soon\necho\n```\n')).toEqual(['8:15 invalid-duration']);
  });

  it('reads fences inside list items, with body positions shifted by the indent', () => {
    const { runbook, diagnostics } = parse('## A\n\n1. Run:\n\n   ```aws\n   aws rds describe-db-clusters --max-records x\n   ```\n');
    expect(runbook?.steps[0].blocks).toEqual([]);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['11:47 invalid-value']);
  });

  it('checks `steps.<id>` references: earlier steps only, own step in its rollback blocks', () => {
    const body = [
      '## A',
      '```check',
      'output: { x: steps.b.output.y }',
      '```',
      '```aws rollback',
      'aws rds describe-db-clusters --db-cluster-identifier {{ steps.a.output.x }}',
      '```',
      '## B',
      '```check',
      'expect: [ steps.a.output.x == "1", steps.zz.output.q == 1 ]',
      '```',
    ].join('\n');
    expect(codes(body)).toEqual(['8:14 step-not-earlier', '15:36 unknown-step']);
  });

  it('reads `optional: true` on an AWS observe source, and refuses one that is not a boolean', () => {
    const { runbook, diagnostics } = parse(
      '## A\n```check\nobserve: { c: { cluster: x, optional: true } }\nexpect: [ has(c.readError) ]\n```\n',
    );
    expect(diagnostics).toEqual([]);
    expect((runbook!.steps[0].blocks[0] as { observe: unknown }).observe).toEqual({ c: { kind: 'cluster', id: 'x', optional: true } });
    expect(codes('## A\n```check\nobserve: { c: { cluster: x, optional: maybe } }\nexpect: [ "true" ]\n```\n')).toHaveLength(1);
  });

  it('lets a block read `steps.<own>.outputs` (the blocks above it in its step), never its own `output`', () => {
    const body = [
      '## A {#a}',
      '```check',
      'output: { add: "true" }',
      '```',
      '```aws when: steps.a.outputs[0].add',
      'aws rds describe-db-clusters',
      '```',
      '```check',
      'expect: [ steps.a.output.add ]',
      '```',
    ].join('\n');
    expect(codes(body)).toEqual(['14:11 step-not-earlier']);
  });

  it('lets a step of the `## Rollback` section read `steps.<own>.outputs` too, never its own `output`', () => {
    const body = [
      '## A {#a}',
      '```check',
      'output: { x: "1" }',
      '```',
      '## Rollback',
      '### R {#r}',
      '```check',
      'output: { add: "true" }',
      '```',
      '```check',
      "output: { got: 'steps.r.outputs[0].add' }",
      '```',
      '```check',
      'expect: [ steps.r.output.add ]',
      '```',
    ].join('\n');
    expect(codes(body)).toEqual(['19:11 step-not-earlier']);
  });

  it('rejects templates inside CEL fields', () => {
    expect(codes('## A\n```check\nexpect: [ \'cluster == "{{ cluster }}"\' ]\n```\n')).toEqual(['8:24 template-in-cel']);
  });

  it('allows lock templates to use params only', () => {
    const { diagnostics } = parseRunbook('rb.md', '---\nlocks: ["x:{{ steps.a.output }}"]\n---\n## A\n');
    expect(diagnostics.map((d) => d.code)).toEqual(['unknown-param']);
  });

  it('reports an unclosed front matter', () => {
    expect(parseRunbook('rb.md', '---\ntitle: x\n## A\n').diagnostics[0]).toMatchObject({
      code: 'unclosed-front-matter',
      line: 1,
      column: 1,
    });
  });
});
