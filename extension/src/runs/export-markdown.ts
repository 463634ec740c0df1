import { parseRunbook, type Run, type StepRun } from '@switchyard/core';
import { EXPORT_MARKER } from '../runbook/runbook-detect';

/**
 * The runbook as it ran: the original markdown with each step's outcome, output, log and
 * timestamps inserted under its heading, a summary at the top and the audit trail at the end.
 */
export function exportRunMarkdown(run: Run): string {
  const lines = run.runbook.source.split(/\r?\n/);
  const { runbook } = parseRunbook(run.runbook.file, run.runbook.source);
  const inserts = new Map<number, string[]>();
  for (const stepRun of run.steps) {
    const step = stepRun.origin.kind === 'step' ? runbook?.steps[stepRun.origin.index] : undefined;
    if (step) inserts.set(step.pos.line - 1, stepRecord(stepRun));
  }
  const bodyStart = frontMatterEnd(lines);
  // Marks the file as a run record, so the editor does not validate or offer to run it as a runbook.
  const marker = `${EXPORT_MARKER}: ${run.id}`;
  const out: string[] = bodyStart === 0 ? ['---', marker, '---'] : [];
  lines.forEach((text, i) => {
    if (i === bodyStart) out.push(...summary(run), '');
    out.push(text);
    if (i === 0 && bodyStart > 0) out.push(marker);
    const record = inserts.get(i);
    if (record) out.push('', ...record);
  });
  if (bodyStart >= lines.length) out.push(...summary(run));
  if (run.rollbackSteps.length) {
    out.push('', '## Rollback as it ran', '');
    for (const s of run.rollbackSteps) out.push(`### ${s.name}`, '', ...stepRecord(s), '');
  }
  out.push('', '## Audit trail', '', '| at | who | what | step | detail |', '| --- | --- | --- | --- | --- |');
  for (const a of run.audit)
    out.push(`| ${a.at} | ${cell(a.actor)} | ${cell(a.action)} | ${cell(a.stepId ?? '')} | ${cell(a.detail ?? '')} |`);
  return `${out.join('\n')}\n`;
}

function frontMatterEnd(lines: string[]): number {
  if (lines[0]?.trim() !== '---') return 0;
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  return close < 0 ? 0 : close + 1;
}

function summary(run: Run): string[] {
  const params = Object.entries(run.params).map(([k, v]) => `\`${k}=${String(v)}\``);
  return [
    `> **Switchyard run \`${run.id}\`: ${run.status}**${run.dryRun ? ' (dry run)' : ''}`,
    `> started by ${run.startedBy} at ${run.createdAt}${run.endedAt ? `, ended ${run.endedAt} (${duration(run.createdAt, run.endedAt)})` : ''}`,
    `> target: ${where(run)}, region ${run.target.region}${params.length ? ` · params: ${params.join(' ')}` : ''}`,
    ...confirmations(run),
    ...(run.error ? [`> error: ${run.error}`] : []),
  ];
}

/** SANDBOX or the real account, as the confirmation dialogs said it. */
function where(run: Run): string {
  if (run.target.key === 'sandbox') return `SANDBOX (local simulator at ${run.target.endpoint})`;
  const account = run.target.account ? `account ${run.target.account}` : 'account not recorded';
  return run.target.endpoint === 'aws' ? `REAL AWS (${account})` : `${run.target.endpoint} (${account})`;
}

/** Who confirmed or declined each mutating call (from the audit trail). */
function confirmations(run: Run): string[] {
  return run.audit
    .filter((a) => /^(confirmed|declined) [A-Z]/.test(a.action))
    .map((a) => `> ${a.action} by ${a.actor} at ${a.at}${a.detail ? `: ${a.detail}` : ''}`);
}

function stepRecord(s: StepRun): string[] {
  const when = s.startedAt ? ` · ${s.startedAt}${s.endedAt ? ` → ${s.endedAt} (${duration(s.startedAt, s.endedAt)})` : ''}` : '';
  const record = [`> **${icon(s.status)} ${s.status}**${when}${s.attempts > 1 ? ` · ${s.attempts} attempts` : ''}`];
  if (s.skipReason) record.push(`> reason: ${s.skipReason}`);
  if (s.error) record.push(`> error: ${s.error}`);
  if (s.output !== undefined && s.output !== null) {
    record.push(
      '>',
      '> output:',
      '>',
      '> ```json',
      ...JSON.stringify(s.output, null, 2)
        .split('\n')
        .map((l) => `> ${l}`),
      '> ```',
    );
  }
  if (s.log.length) {
    record.push('>', '> log:', '>');
    for (const l of s.log) record.push(`> - ${l.at} ${l.level}: ${l.text.replace(/\r?\n/g, ' ')}`);
  }
  return record;
}

function icon(status: StepRun['status']): string {
  return { succeeded: '✓', failed: '✗', skipped: '↷', cancelled: '■', pending: '·', running: '▶', waiting: '…', 'waiting-approval': '?' }[
    status
  ];
}

function duration(from: string, to: string): string {
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return '?';
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
