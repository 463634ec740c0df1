import { parseRunbook } from '../runbook/parse-runbook';
import type { ApproveBlock, Block, CheckBlock, ShBlock, SqlBlock, WaitBlock } from './registry';

const HEAD = '---\nparams:\n  cluster: rds-cluster\nlocks: ["rds-cluster:{{ cluster }}"]\n---\n## A\n';

/** One fence in one step; the fence line is line 7, the body starts on line 8. */
function block(info: string, body: string) {
  const { runbook, diagnostics } = parseRunbook('rb.md', `${HEAD}\`\`\`${info}\n${body}\n\`\`\`\n`);
  const step = runbook?.steps[0];
  return {
    block: (step?.blocks[0] ?? step?.rollbackBlocks[0]) as Block | undefined,
    codes: diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`),
  };
}

describe('wait', () => {
  it('defaults for, interval and output; reads on-failure', () => {
    const { block: wait, codes } = block(
      'wait',
      'observe: { c: { cluster: "{{ cluster }}", region: us-west-2 } }\nuntil: c.allAvailable\ntimeout: 1h30m\non-failure: rollback',
    );
    expect(codes).toEqual([]);
    expect(wait as WaitBlock).toMatchObject({
      observe: { c: { kind: 'cluster', id: '{{ cluster }}', region: 'us-west-2' } },
      until: { that: 'c.allAvailable', pos: { line: 9, column: 8 } },
      holdSeconds: 0,
      timeoutSeconds: 5400,
      intervalSeconds: 5,
      output: {},
      onFailure: 'rollback',
      templates: [{ expr: 'cluster', pos: { line: 8, column: 27 } }],
    });
  });

  it('accepts `until` with a message and reports a bad duration and a missing until', () => {
    expect((block('wait', 'until: { that: "true", message: done }\ntimeout: 1m').block as WaitBlock).until.message).toBe('done');
    expect(block('wait', 'until: "true"\ntimeout: 5 minutes').codes).toEqual(['9:10 invalid-duration']);
    expect(block('wait', 'timeout: 5m').codes).toEqual(['7:1 missing-until']);
  });

  it('reports unknown keys with the closest one', () => {
    const { codes } = block('wait', 'until: "true"\ntimout: 5m');
    expect(codes).toEqual(['7:1 wait-without-timeout', '9:1 unknown-key']);
  });
});

describe('check', () => {
  it('reads every observe source kind with defaults', () => {
    const body = [
      'observe:',
      '  i: { instance: "{{ cluster }}-1" }',
      '  g: { global-cluster: gdb }',
      '  bg: { blue-green: bgd-123 }',
      '  m: { metric: CPUUtilization, dimensions: { DBInstanceIdentifier: x } }',
      '  a: { alarms: { prefix: "{{ cluster }}-" } }',
      '  all: { alarms: }',
      '  e: { events: { source: "{{ cluster }}", minutes: 30 } }',
      'expect: [ a.allOk ]',
      'for: 10m',
    ].join('\n');
    const { block: check, codes } = block('check', body);
    expect(codes).toEqual([]);
    expect((check as CheckBlock).observe).toEqual({
      i: { kind: 'instance', id: '{{ cluster }}-1' },
      g: { kind: 'global-cluster', id: 'gdb' },
      bg: { kind: 'blue-green', id: 'bgd-123' },
      m: {
        kind: 'metric',
        name: 'CPUUtilization',
        namespace: 'AWS/RDS',
        dimensions: { DBInstanceIdentifier: 'x' },
        stat: 'Maximum',
        periodSeconds: 60,
        windowSeconds: 300,
      },
      a: { kind: 'alarms', prefix: '{{ cluster }}-' },
      all: { kind: 'alarms' },
      e: { kind: 'events', sourceId: '{{ cluster }}', sourceType: 'db-cluster', minutes: 30 },
    });
    expect(check).toMatchObject({ holdSeconds: 600, intervalSeconds: 10 });
  });

  it('reports bad observe sources', () => {
    expect(block('check', 'observe: { c: { clustr: x } }\nexpect: [ "true" ]').codes).toEqual(['8:15 invalid-observe']);
    expect(block('check', 'observe: { steps: { cluster: x } }\nexpect: [ "true" ]').codes).toEqual(['8:12 invalid-observe-name']);
    expect(block('check', 'observe: { c: { cluster: x, stat: Maximum } }\nexpect: [ "true" ]').codes).toEqual(['8:29 unknown-key']);
  });

  it('lets an observe name hide a param inside its block (the param stays params.<name>)', () => {
    expect(
      block('check', 'observe: { cluster: { cluster: "{{ cluster }}" } }\nexpect: [ cluster.writer != params.cluster ]').codes,
    ).toEqual([]);
  });

  it('needs guards or outputs; output names are identifiers', () => {
    expect(block('check', 'observe: { c: { cluster: x } }').codes).toEqual(['7:1 missing-expect']);
    expect(block('check', 'output: { old-writer: "1" }').codes).toEqual(['8:11 invalid-output-name']);
  });
});

describe('approve', () => {
  it('takes a plain-text message, with templates', () => {
    const { block: approve, codes } = block('approve', 'Fail over {{ cluster }}: sure?');
    expect(codes).toEqual([]);
    expect(approve as ApproveBlock).toMatchObject({
      message: 'Fail over {{ cluster }}: sure?',
      fourEyes: true,
      approvers: [],
      templates: [{ expr: 'cluster', pos: { line: 8, column: 11 } }],
    });
  });

  it('takes YAML when the body starts with one of its keys', () => {
    const { block: approve } = block('approve', 'four-eyes: false\napprovers: [dba]\nmessage: ok?');
    expect(approve as ApproveBlock).toMatchObject({ message: 'ok?', fourEyes: false, approvers: ['dba'] });
    expect((block('approve', '').block as ApproveBlock).message).toBe('Approve “A”?');
  });
});

describe('sql', () => {
  it('reads a query with expectations over rows, read-only by default', () => {
    const { block: sql, codes } = block(
      'sql',
      'connection: blue\nquery: |\n  select 1 as n\n  from {{ cluster }}\nexpect:\n  - rows[0].n == 1',
    );
    expect(codes).toEqual([]);
    expect(sql as SqlBlock).toMatchObject({
      connection: 'blue',
      query: 'select 1 as n\nfrom {{ cluster }}\n',
      write: false,
      timeoutSeconds: 60,
      templates: [{ expr: 'cluster', pos: { line: 11, column: 8 } }],
    });
  });

  it('a writing query mutates and so needs a lock', () => {
    const { diagnostics } = parseRunbook('rb.md', '## A\n```sql\nconnection: x\nquery: delete from t\nwrite: true\n```\n');
    expect(diagnostics.map((d) => d.code)).toEqual(['mutating-without-lock']);
  });

  it('needs a connection and a query', () => {
    expect(block('sql', 'write: false').codes).toEqual(['7:1 missing-key', '7:1 missing-key']);
  });
});

describe('sh', () => {
  it('keeps the script and its timeout option; always mutating', () => {
    const { block: sh, codes } = block('sh timeout=2m', 'echo {{ cluster }}');
    expect(codes).toEqual([]);
    expect(sh as ShBlock).toMatchObject({ script: 'echo {{ cluster }}\n', timeoutSeconds: 120 });
    const { runbook } = parseRunbook('rb.md', `${HEAD}\`\`\`sh\necho hi\n\`\`\`\n`);
    expect(runbook?.steps[0]).toMatchObject({ mutating: true, blocks: [{ kind: 'sh', timeoutSeconds: 300 }] });
  });
});

describe('aws', () => {
  it('reports the CLI error at its position in the file', () => {
    expect(block('aws', 'aws rds describe-db-clusters \\\n  --db-cluster-identifer {{ cluster }}').codes).toEqual(['9:3 unknown-flag']);
  });

  it('`when:` is a CEL condition over params and earlier steps', () => {
    const { block: aws, codes } = block('aws rollback when: params.cluster != ""', 'aws rds describe-db-clusters');
    expect(codes).toEqual([]);
    expect(aws).toMatchObject({ rollback: true, when: { expr: 'params.cluster != ""', pos: { line: 7, column: 23 } } });
    expect(block('aws when: nope', 'aws rds describe-db-clusters').codes).toEqual(['7:14 cel-unknown-variable']);
  });
});
