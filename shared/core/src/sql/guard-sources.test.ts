import type { CheckBlock } from '../blocks/registry';
import { parseRunbook } from '../runbook/parse-runbook';

/** One check block in one step; the fence is on line 2, its body starts on line 3. */
function check(body: string) {
  const { runbook, diagnostics } = parseRunbook('rb.md', `## A\n\`\`\`check\n${body}\n\`\`\`\n`);
  return {
    observe: (runbook?.steps[0]?.blocks[0] as CheckBlock | undefined)?.observe,
    problems: diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`),
  };
}

describe('data guard observe sources', () => {
  it('read every guard with its defaults', () => {
    const { observe, problems } = check(
      [
        'observe:',
        '  sums: { checksum: { left: blue, right: green, tables: [orders, "sales.customers"] } }',
        '  same: { replay: { left: blue, right: green, queries: [ "select 1", { name: top, query: "select 2" } ] } }',
        '  drift: { pg-settings: { left: blue, right: green } }',
        '  slots: { slots: blue }',
        '  lag: { pg-lag: blue }',
        'expect: [ sums.equal, same.equal, drift.equal, slots.ok, lag.ok ]',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(observe).toEqual({
      sums: {
        kind: 'checksum',
        left: 'blue',
        right: 'green',
        tables: ['orders', 'sales.customers'],
        chunk: 10000,
        recheck: 2,
        settleSeconds: 1,
        timeoutSeconds: 600,
      },
      same: {
        kind: 'replay',
        left: 'blue',
        right: 'green',
        queries: [
          { name: 'q1', sql: 'select 1' },
          { name: 'top', sql: 'select 2' },
        ],
        maxRows: 100000,
        recheck: 2,
        settleSeconds: 1,
        timeoutSeconds: 600,
      },
      drift: { kind: 'pg-settings', left: 'blue', right: 'green', ignore: [], timeoutSeconds: 600 },
      slots: { kind: 'slots', connection: 'blue', maxRetainedBytes: 1024 ** 3, allowInactive: [], timeoutSeconds: 30 },
      lag: { kind: 'pg-lag', connection: 'blue', maxSeconds: 1, timeoutSeconds: 30 },
    });
  });

  it('read every option, with templates in connection names', () => {
    const { observe, problems } = check(
      [
        'observe:',
        '  sums: { checksum: { left: "{{ run.id }}", right: green, tables: orders, chunk: 500, recheck: 0, settle: 2s, timeout: 1h } }',
        '  drift: { pg-settings: { left: blue, right: green, only: [work_mem], ignore: [jit] } }',
        '  slots: { slots: blue, max-retained: 512MB, allow-inactive: [spare], timeout: 5s }',
        '  lag: { pg-lag: blue, replica: bg_sub, max: 0.5, max-bytes: 64MB }',
        'expect: [ sums.equal ]',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(observe).toMatchObject({
      sums: { left: '{{ run.id }}', tables: ['orders'], chunk: 500, recheck: 0, settleSeconds: 2, timeoutSeconds: 3600 },
      drift: { only: ['work_mem'], ignore: ['jit'] },
      slots: { maxRetainedBytes: 512 * 1024 ** 2, allowInactive: ['spare'], timeoutSeconds: 5 },
      lag: { replica: 'bg_sub', maxSeconds: 0.5, maxBytes: 64 * 1024 ** 2 },
    });
  });

  it('report what is missing or malformed, where it is', () => {
    const { problems } = check(
      [
        'observe:',
        '  sums: { checksum: { left: blue, chunk: 0, tabels: [x] } }',
        '  same: { replay: { left: blue, right: green } }',
        '  slots: { slots: blue, max-retained: lots }',
        '  lag: { pg-lag: blue, max: soon }',
        'expect: [ "true" ]',
      ].join('\n'),
    );
    expect(problems).toEqual([
      '4:21 missing-key: observe `sums` `checksum` needs `right: <connection>`',
      '4:21 missing-key: observe `sums` `checksum` needs `tables: [<table>, …]`',
      '4:42 invalid-value: observe `sums` `chunk` must be a whole number of at least 1',
      '4:45 unknown-key: unknown key `tabels` in observe `sums` `checksum`',
      '5:19 missing-key: observe `same` `replay` `queries` must be a list of queries',
      '6:39 invalid-value: observe `slots` `max-retained` is not a size',
      '7:29 invalid-duration: observe `lag` `max` is not a duration',
    ]);
  });
});
