/**
 * A new block kind is its module and one registry line. `echo` below is written against the block
 * contracts only (as it would be in blocks/echo/), and registered in a registry that is the real
 * one plus `echo` (jest.mock stands in for the line in registry.ts): the parser, the validator and
 * the engine take it up with no other change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { renderTemplate } from '../cel';
import { Engine } from '../engine/engine';
import { FileRunStore } from '../engine/file-run-store';
import { FakeAws } from '../engine/testing/fake-aws';
import type { BlockBase } from '../runbook/model';
import { parseRunbook } from '../runbook/parse-runbook';
import type { BlockKindModule } from './kind';
import type * as Registry from './registry';

interface EchoBlock extends BlockBase {
  kind: 'echo';
  text: string;
  loud: boolean;
}

/** ```echo [loud=yes] — logs its body, with templates, and outputs it. */
function mockEchoKind(): BlockKindModule<EchoBlock> {
  return {
    kind: 'echo',
    options: ['loud'],
    parse(fence, ctx, base) {
      ctx.templates({ value: fence.body.text, span: fence.body });
      if (fence.body.text.trim() === '') {
        ctx.report(fence.pos, 'empty-block', 'the echo block is empty');
        return undefined;
      }
      return { ...base, kind: 'echo', text: fence.body.text.trim(), loud: fence.info.options.get('loud')?.value === 'yes' };
    },
    mutates: () => false,
    async execute(ctx) {
      const text = renderTemplate(ctx.block.text, ctx.scope);
      const said = ctx.block.loud ? text.toUpperCase() : text;
      await ctx.log('info', said);
      return { type: 'done', output: { said } };
    },
  };
}

jest.mock('./registry', () => {
  const actual = jest.requireActual<typeof Registry>('./registry');
  const modules = { ...actual.BLOCK_KIND_MODULES, echo: mockEchoKind() };
  return {
    ...actual,
    BLOCK_KIND_MODULES: modules,
    BLOCK_KINDS: Object.keys(modules),
    kindModule: (kind: keyof typeof modules) => modules[kind],
  };
});

const RUNBOOK = '---\nparams:\n  name: { type: string, default: world }\n---\n## Greet {#greet}\n```echo loud=yes\nhello {{ name }}\n```\n';

it('the mock registry re-derives every value the real one exports', () => {
  expect(Object.keys(jest.requireActual<typeof Registry>('./registry')).sort()).toEqual([
    'BLOCK_KINDS',
    'BLOCK_KIND_MODULES',
    'kindModule',
  ]);
});

it('the parser reads the new kind: its options, its body and its templates', () => {
  const { runbook, diagnostics } = parseRunbook('echo.md', RUNBOOK);
  expect(diagnostics).toEqual([]);
  expect(runbook?.steps[0]).toMatchObject({
    mutating: false,
    blocks: [{ kind: 'echo', text: 'hello {{ name }}', loud: true, templates: [{ expr: 'name', pos: { line: 7, column: 7 } }] }],
  });
  const codes = (source: string) => parseRunbook('echo.md', source).diagnostics.map((d) => `${d.code}: ${d.hint ?? d.message}`);
  expect(codes(RUNBOOK.replace('loud=yes', 'quiet=yes'))).toEqual(['unknown-block-option: options: loud']);
  expect(codes(RUNBOOK.replace('{{ name }}', '{{ nme }}'))).toEqual([expect.stringMatching(/^unknown-param: did you mean `name`/)]);
  expect(codes(RUNBOOK.replace('```echo loud=yes', '```ecco'))).toEqual([expect.stringMatching(/^unknown-block-kind: .*`echo`/)]);
});

it('the engine runs the new kind', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-new-kind-'));
  const engine = new Engine({ store: new FileRunStore(dir), aws: new FakeAws() });
  try {
    const run = await engine.start({ file: 'echo.md', source: RUNBOOK, params: {}, startedBy: 'alice' });
    const rested = await engine.settled(run.id);
    expect(rested.status).toBe('succeeded');
    expect(rested.steps[0].output).toEqual({ said: 'HELLO WORLD' });
  } finally {
    await engine.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
