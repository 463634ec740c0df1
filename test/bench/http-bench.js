#!/usr/bin/env node
/**
 * yarn bench:http — what an http block costs beyond the request itself. Against a local server,
 * medians of: a bare fetch POST; a one-step runbook whose step is a `check` with no guard (the
 * engine's own cost of a run in the file store); the same with a GET http block; and with a
 * mutating POST (recorded in flight, logged, audited). Flags: --repeat K (50). The machine is
 * shared: read the figures as such.
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { createServer } = require('node:http');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { Engine, FileRunStore, NodeHttpGateway, environmentSecrets } = require('@switchyard/core');

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '50' } } });
const REPEAT = Number(values.repeat);

const RUNBOOK = `---
title: Drain
params:
  base: { type: string, required: true }
locks: ["host:bench"]
---
## Drain {#drain}

\`\`\`http
method: POST
url: "{{ base }}/maintenance"
body: { maintenance: true }
expect: [ 'json.maintenance == true' ]
\`\`\`
`;

const runbook = (block) => RUNBOOK.replace(/```http[\s\S]*```/, block);
const CHECK = '```check\nexpect: []\n```';
const GET = '```http\nurl: "{{ base }}/maintenance"\nexpect: [ \'json.maintenance == true\' ]\n```';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"maintenance":true}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-http-bench-'));
  const engine = new Engine({
    store: new FileRunStore(dir),
    aws: { region: 'us-east-1', target: 'none' },
    http: new NodeHttpGateway({ secrets: environmentSecrets() }),
    allowHttp: true,
  });
  const raw = [];
  const runs = { check: [], get: [], post: [] };
  const sources = { check: runbook(CHECK), get: runbook(GET), post: RUNBOOK };
  try {
    for (let i = 0; i < REPEAT + 5; i++) {
      const t = performance.now();
      const res = await fetch(`${base}/maintenance`, {
        method: 'POST',
        body: '{"maintenance":true}',
        headers: { 'content-type': 'application/json' },
      });
      await res.json();
      if (i >= 5) raw.push(performance.now() - t);
      for (const [kind, source] of Object.entries(sources)) {
        const started = performance.now();
        const run = await engine.start({ file: 'drain.md', source, params: { base }, startedBy: 'bench' });
        const rested = await engine.settled(run.id);
        if (rested.status !== 'succeeded') throw new Error(`${kind} run ${rested.status}: ${rested.steps[0].error}`);
        if (i >= 5) runs[kind].push(performance.now() - started);
      }
    }
  } finally {
    await engine.shutdown();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const [r, c, g, p] = [raw, runs.check, runs.get, runs.post].map(median);
  console.log(`bare fetch POST:                   median ${r.toFixed(2)} ms (${REPEAT} of each)`);
  console.log(`run of one check step (baseline):  median ${c.toFixed(2)} ms (start → succeeded, file store)`);
  console.log(`run of one GET http step:          median ${g.toFixed(2)} ms (+${(g - c).toFixed(2)} ms over the baseline)`);
  console.log(`run of one POST http step:         median ${p.toFixed(2)} ms (+${(p - c).toFixed(2)} ms: locks, in-flight record, audit)`);
  console.log(`POST step / GET step: ${(p / g).toFixed(2)}×`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
