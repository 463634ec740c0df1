#!/usr/bin/env node
/**
 * yarn bench:validate — how validation scales with a runbook's size. Generated runbooks of 1,000
 * and 10,000 steps (a check, an aws command or a wait in each, reading earlier steps' outputs)
 * are validated with `parseRunbook`, next to markdown-it parsing the same text (the floor: any
 * validation reads the markdown once), as a ratio. Linear validation keeps that ratio flat from
 * 1,000 to 10,000 steps; the per-1,000-steps figure shows it too. Then the other shapes a
 * runbook can grow in (blocks in one step, guards in one block, params, locks, templates), at the
 * size limit (1 MiB), and the time to refuse a 50 MB file.
 * 10,000 steps is over the runbook limits (RUNBOOK_LIMITS: 1,000 steps), so they are raised here.
 * Flags: --repeat K (3: the median is printed, after one warm-up call). Figures are from one run on a shared machine.
 */
const { parseArgs } = require('node:util');
const MarkdownIt = require('markdown-it');
const { parseRunbook, RUNBOOK_LIMITS } = require('@switchyard/core');

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' } } });
const REPEAT = Number(values.repeat);
const UNLIMITED = { limits: { maxBytes: Infinity, maxSteps: Infinity, maxBlocks: Infinity } };
const markdown = new MarkdownIt('commonmark');
const HEAD = ['---', 'title: Generated', 'params:', '  cluster: rds-cluster', 'locks: ["rds-cluster:{{ cluster }}"]', '---', ''];

function steps(n) {
  const out = [...HEAD, '# Generated', ''];
  for (let i = 0; i < n; i++) {
    out.push(`## Step ${i} {#s${i}}`, '', `Prose for step ${i}.`, '');
    if (i % 3 === 0) {
      out.push('```check', 'observe:', '  cluster: { cluster: "{{ cluster }}" }', 'expect:', '  - that: cluster.status == "available"');
      out.push(`    message: step ${i} needs {{ cluster }} available`, 'output:', '  writer: cluster.writer', '```', '');
    } else if (i % 3 === 1) {
      out.push('```aws', `aws rds describe-db-clusters --db-cluster-identifier {{ steps.s${i - 1}.output.writer }}`, '```', '');
    } else {
      out.push('```wait', 'observe:', '  cluster: { cluster: "{{ cluster }}" }');
      out.push(`until: cluster.writer == steps.s${i - 2}.output.writer`, 'timeout: 5m', '```', '');
    }
  }
  return out.join('\n');
}

/** Other ways a runbook grows; each generator fills about `bytes`. */
const SHAPES = {
  'blocks in one step': (n) =>
    [...HEAD, '## One', ...Array.from({ length: n }, (_, i) => `\`\`\`check\nexpect:\n  - that: ${i} < 100000\n\`\`\`\n`)].join('\n'),
  'guards in one block': (n) =>
    [
      ...HEAD,
      '## One',
      '```check',
      'observe:',
      '  cluster: { cluster: "{{ cluster }}" }',
      'expect:',
      ...Array.from({ length: n }, (_, i) => `  - that: cluster.status != "x${i}"\n    message: m {{ cluster }} ${i}`),
      '```',
    ].join('\n'),
  'templates in one sh script': (n) =>
    [...HEAD, '## One', '```sh', ...Array.from({ length: n }, (_, i) => `echo {{ cluster }} ${i}`), '```'].join('\n'),
  params: (n) =>
    [
      '---',
      'params:',
      ...Array.from({ length: n }, (_, i) => `  p${i}: { type: string, default: "x" }`),
      '---',
      '## One',
      '```check',
      'expect:',
      '  - p1 == "x"',
      '```',
    ].join('\n'),
  locks: (n) =>
    [
      '---',
      'params:',
      '  cluster: rds-cluster',
      'locks:',
      ...Array.from({ length: n }, (_, i) => `  - "rds-cluster:{{ cluster }}-${i}"`),
      '---',
      '## One',
    ].join('\n'),
};

/** The median of REPEAT timed calls, after one untimed call (JIT warm-up, first-touch allocations). */
function median(fn) {
  const times = [];
  let value = fn();
  for (let i = 0; i < REPEAT; i++) {
    const start = process.hrtime.bigint();
    value = fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], value };
}

function errorsOf(diagnostics) {
  return diagnostics.filter((d) => d.severity === 'error');
}

/** The largest `n` whose generated text stays within the byte limit. */
function fill(shape) {
  let n = 1;
  while (Buffer.byteLength(shape(n * 2)) <= RUNBOOK_LIMITS.maxBytes) n *= 2;
  let step = n / 2;
  while (step >= 1) {
    if (Buffer.byteLength(shape(n + step)) <= RUNBOOK_LIMITS.maxBytes) n += step;
    step = Math.floor(step / 2);
  }
  return n;
}

parseRunbook('warm-up.md', steps(30));
console.log(`validation vs markdown-it (median of ${REPEAT} after a warm-up; parse limits raised for 10,000 steps)`);
const per1000 = [];
for (const n of [1000, 10000]) {
  const text = steps(n);
  const floor = median(() => markdown.parse(text, {}));
  const parsed = median(() => parseRunbook('generated.md', text, UNLIMITED));
  const errors = errorsOf(parsed.value.diagnostics);
  if (errors.length) throw new Error(`generated runbook is invalid: ${errors[0].message}`);
  per1000.push(parsed.ms / (n / 1000));
  console.log(
    `  ${n.toLocaleString('en-US').padStart(6)} steps (${(text.length / 1e6).toFixed(2)} MB): markdown-it ${floor.ms.toFixed(0)} ms, ` +
      `parseRunbook ${parsed.ms.toFixed(0)} ms = ${(parsed.ms / floor.ms).toFixed(1)}× the floor, ${(parsed.ms / (n / 1000)).toFixed(0)} ms per 1,000 steps`,
  );
}
console.log(`  per 1,000 steps, 10,000 / 1,000: ${(per1000[1] / per1000[0]).toFixed(2)}× (1.0 = linear)`);

console.log(`other shapes, filled to the size limit (${RUNBOOK_LIMITS.maxBytes / 1024} KiB):`);
for (const [name, shape] of Object.entries(SHAPES)) {
  const n = fill(shape);
  const text = shape(n);
  const floor = median(() => markdown.parse(text, {}));
  const parsed = median(() => parseRunbook('shape.md', text, { limits: { maxSteps: Infinity, maxBlocks: Infinity } }));
  const errors = errorsOf(parsed.value.diagnostics);
  console.log(
    `  ${name.padEnd(27)} ${n.toLocaleString('en-US').padStart(6)} × (${(text.length / 1024).toFixed(0)} KiB): ` +
      `${parsed.ms.toFixed(0)} ms = ${(parsed.ms / floor.ms).toFixed(1)}× markdown-it${errors.length ? ` (${errors.length} errors: ${errors[0].code})` : ''}`,
  );
}

// As read from a file: one flat string (a concatenated one would be flattened on first use, and timed here).
const huge = Buffer.from(steps(30) + '\nFiller.\n'.repeat(50e6 / 9)).toString('utf8');
const refused = median(() => parseRunbook('huge.md', huge));
console.log(
  `a ${(huge.length / 1e6).toFixed(0)} MB file: refused in ${refused.ms.toFixed(1)} ms (${refused.value.diagnostics.map((d) => d.code).join(', ')})`,
);
