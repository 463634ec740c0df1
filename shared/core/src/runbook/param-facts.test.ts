import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseRunbook } from './parse-runbook';
import { connectionsRequiredBy, paramFacts, sqlWritesRequiredBy, unguardedSqlWrites } from './param-facts';

const RUNBOOKS = path.resolve(__dirname, '../../../../runbooks');
const facts = (file: string) => {
  const { runbook, diagnostics } = parseRunbook(file, readFileSync(path.join(RUNBOOKS, file), 'utf8'));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return Object.fromEntries(paramFacts(runbook!));
};

it('finds the params only the data guards of the switchover read, and the connections they need', () => {
  expect(facts('blue-green-switchover.md')).toEqual({
    critical_tables: { needsConnections: ['blue', 'green'] },
    replay_query: { needsConnections: ['blue', 'green'] },
    pg_replica: { needsConnections: ['blue'] },
    // cdc_slot is also read without connections: the automatic rollback refuses a slot it cannot make.
    cdc_plugin: { needsConnections: ['blue', 'old'] },
  });
});

it('marks the instance a failover promotes, and nothing in runbooks that do not fail over', () => {
  expect(facts('failover.md')).toEqual({ target: { promotes: true } });
  expect(facts('promote-global.md')).toEqual({});
  expect(facts('rebuild-redundancy.md')).toEqual({});
});

it('requires connections only when a condition cannot hold without them', () => {
  expect(connectionsRequiredBy(`"blue" in run.connections && "green" in run.connections && x != ""`)).toEqual(['blue', 'green']);
  expect(connectionsRequiredBy(`'blue' in run.connections`)).toEqual(['blue']);
  // Either side may hold: it does not need the connection.
  expect(connectionsRequiredBy(`"blue" in run.connections || force`)).toEqual([]);
  expect(connectionsRequiredBy(`!("blue" in run.connections)`)).toEqual([]);
  expect(connectionsRequiredBy(`mode == "cleanup"`)).toEqual([]);
  expect(connectionsRequiredBy(undefined)).toEqual([]);
});

it('does not hide a param that some block uses without connections', () => {
  const source = [
    '---',
    'title: t',
    'params:',
    '  tables: { type: string, required: false, default: "" }',
    '  unused: { type: string, required: false, default: "" }',
    '---',
    '# T',
    '## One {#one}',
    '```sh when: "blue" in run.connections',
    'echo {{ tables }}',
    '```',
    '## Two {#two}',
    '```sh',
    'echo {{ tables }}',
    '```',
    '',
  ].join('\n');
  const { runbook } = parseRunbook('t.md', source);
  expect(runbook).toBeDefined();
  // `tables` is also echoed unconditionally; `unused` feeds nothing, so nothing is known about it.
  expect(Object.fromEntries(paramFacts(runbook!))).toEqual({});
});

describe('sqlWritesRequiredBy', () => {
  it('holds only for an && term run.sqlWrites, with no || or ! that could make the condition hold without it', () => {
    expect(sqlWritesRequiredBy('steps.a.output.on && run.sqlWrites')).toBe(true);
    expect(sqlWritesRequiredBy('run.sqlWrites')).toBe(true);
    expect(sqlWritesRequiredBy('run.sqlWrites || force')).toBe(false);
    expect(sqlWritesRequiredBy('!run.sqlWrites')).toBe(false);
    expect(sqlWritesRequiredBy('run.sqlWrites == false && x')).toBe(false);
    expect(sqlWritesRequiredBy('run.sqlWritesX && x')).toBe(false);
    expect(sqlWritesRequiredBy(undefined)).toBe(false);
  });

  it('finds the writing sql blocks a read-only host would run', () => {
    const runbook = (when: string) =>
      parseRunbook('rb.md', `---\nlocks: [x]\n---\n## A\n\`\`\`sql${when}\nconnection: c\nquery: delete from t\nwrite: true\n\`\`\`\n`)
        .runbook!;
    expect(unguardedSqlWrites(runbook(''))).toHaveLength(1);
    expect(unguardedSqlWrites(runbook(' when: "c" in run.connections'))).toHaveLength(1);
    expect(unguardedSqlWrites(runbook(' when: "c" in run.connections && run.sqlWrites'))).toEqual([]);
  });
});

it('no shipped runbook writes SQL unless the host allows it (a read-only Backstage backend can start them all)', () => {
  for (const file of ['blue-green-switchover.md', 'blue-green-rollback-and-cleanup.md', 'failover.md', 'detect.md']) {
    const { runbook } = parseRunbook(file, readFileSync(path.join(RUNBOOKS, file), 'utf8'));
    expect([file, unguardedSqlWrites(runbook!).map((b) => b.pos)]).toEqual([file, []]);
  }
});
