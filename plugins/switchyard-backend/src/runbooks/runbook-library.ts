/**
 * The runbooks offered in Backstage: every `*.md` in the configured directories, parsed and
 * validated by the core. The id is the file name (the first directory wins on a clash). Files are
 * read on each request (they are few and small), so edits show without a restart; a file is
 * parsed again only when its content changed (cached by SHA-256), and one over the core's size
 * limit is not read at all.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  paramFacts,
  paramUnavailable,
  parseRunbook,
  runbookAppliesTo,
  runbookNeedsWriter,
  runbookStages,
  sizeProblem,
  type Block,
  type ParamFacts,
  type Runbook,
} from '@switchyard/core';
import type { RunbookDetail, RunbookParamSummary, RunbookSummary } from '@switchyard/backstage-plugin-switchyard-common';

export interface LoadedRunbook {
  detail: RunbookDetail;
  runbook: Runbook;
}

export class RunbookLibrary {
  /** The last parse of each file, by path: the content's hash, and what it gave (undefined: not offered). */
  private readonly parsed = new Map<string, { hash: string; loaded?: LoadedRunbook }>();

  constructor(
    private readonly dirs: string[],
    private readonly logger: LoggerService,
    /** `connections`: the SQL connection names configured (a param only data guards read is marked unavailable without them). */
    private readonly options: { connections?: string[] } = {},
  ) {}

  async list(): Promise<RunbookSummary[]> {
    const files = await this.files();
    const present = new Set(files.map((f) => f.file));
    for (const file of this.parsed.keys()) if (!present.has(file)) this.parsed.delete(file);
    const loaded = await Promise.all(files.map((f) => this.load(f.id, f.file)));
    return loaded.flatMap((l) => (l ? [summaryOf(l.detail)] : []));
  }

  async get(id: string): Promise<LoadedRunbook> {
    const file = (await this.files()).find((f) => f.id === id);
    const loaded = file && (await this.load(file.id, file.file));
    if (!loaded) {
      throw new NotFoundError(`no valid runbook ${id} in ${this.dirs.join(', ')}; GET /runbooks lists the runbooks on offer`);
    }
    return loaded;
  }

  private async files(): Promise<Array<{ id: string; file: string }>> {
    const seen = new Map<string, string>();
    for (const dir of this.dirs) {
      let names: string[] = [];
      try {
        names = (await fs.readdir(dir)).filter((n) => n.endsWith('.md')).sort();
      } catch (error) {
        this.logger.warn('Switchyard: cannot read a runbook directory', {
          dir,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      for (const name of names) if (!seen.has(name)) seen.set(name, path.join(dir, name));
    }
    return [...seen].map(([id, file]) => ({ id, file }));
  }

  private async load(id: string, file: string): Promise<LoadedRunbook | undefined> {
    const { size } = await fs.stat(file);
    const tooLarge = sizeProblem(file, size);
    if (tooLarge) return this.remember(file, `size:${size}`, undefined, tooLarge.message);
    const source = await fs.readFile(file, 'utf8');
    const hash = createHash('sha256').update(source).digest('hex');
    const cached = this.parsed.get(file);
    if (cached?.hash === hash) return cached.loaded;
    const { runbook, diagnostics } = parseRunbook(id, source);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (!runbook || errors.length) {
      return this.remember(file, hash, undefined, `it has ${errors.length} error(s): ${errors[0]?.message ?? 'unreadable'}`);
    }
    return this.remember(file, hash, { runbook, detail: { ...summarize(id, runbook, this.options.connections ?? []), source } });
  }

  /** Caches what a file's content gave; a runbook that is not offered is logged once per content, not on every request. */
  private remember(file: string, hash: string, loaded: LoadedRunbook | undefined, problem?: string): LoadedRunbook | undefined {
    if (this.parsed.get(file)?.hash === hash) return loaded;
    this.parsed.set(file, { hash, loaded });
    if (problem) this.logger.warn(`Switchyard: runbook ${file} is not offered, ${problem}`);
    return loaded;
  }
}

function summaryOf(detail: RunbookDetail): RunbookSummary {
  const { source: _source, ...summary } = detail;
  return summary;
}

export function summarize(id: string, runbook: Runbook, connections: readonly string[] = []): RunbookSummary {
  const stages = runbookStages(runbook.meta.tags);
  const facts = paramFacts(runbook);
  return {
    id,
    title: runbook.meta.title,
    description: runbook.meta.description ?? '',
    params: runbook.params.map((p) => ({
      name: p.name,
      type: p.type,
      description: p.description,
      required: p.required,
      ...(p.default !== undefined ? { default: p.default } : {}),
      ...(p.of ? { of: p.of } : {}),
      ...(p.enum ? { choices: p.enum } : {}),
      ...(p.secret ? { secret: true } : {}),
      ...paramFactFields(facts.get(p.name), connections),
    })),
    mutating: runbook.steps.some((s) => s.mutating) || runbook.rollback.some((s) => s.mutating),
    appliesTo: runbookAppliesTo(runbook.params),
    ...(stages ? { stages } : {}),
    ...(runbookNeedsWriter(runbook.meta.tags) ? { needsWriter: true } : {}),
    steps: runbook.steps.map((s) => ({ id: s.id, name: s.name, mutating: s.mutating })),
  };
}

function paramFactFields(facts: ParamFacts | undefined, connections: readonly string[]): Partial<RunbookParamSummary> {
  if (!facts) return {};
  const unavailable = paramUnavailable(facts, connections);
  return {
    ...(facts.promotes ? { promotes: true } : {}),
    ...(facts.needsConnections ? { needsConnections: facts.needsConnections } : {}),
    ...(unavailable ? { unavailable } : {}),
  };
}

/** Every block of the runbook: forward, undo and the rollback section. */
export function allBlocks(runbook: Runbook): Block[] {
  return [...runbook.steps, ...runbook.rollback].flatMap((s) => [...s.blocks, ...s.rollbackBlocks]);
}
