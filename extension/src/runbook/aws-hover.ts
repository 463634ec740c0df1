import { awsOperationInfo } from '@switchyard/core';

export interface AwsHover {
  /** 0-based line range of the whole command (continuation lines included). */
  startLine: number;
  endLine: number;
  service: string;
  cliOperation: string;
  sdkOperation: string;
  mutating: boolean;
  /** Markdown for the hover. */
  markdown: string;
}

interface Fence {
  open: number;
  close: number;
  info: string;
}

/** Fenced blocks of a markdown document (0-based lines of the fence lines; close = last line if unclosed). */
function fences(lines: string[]): Fence[] {
  const found: Fence[] = [];
  let open: { line: number; marker: string; info: string } | undefined;
  lines.forEach((text, i) => {
    const m = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(text);
    if (!m) return;
    if (!open) open = { line: i, marker: m[1], info: m[2].trim() };
    else if (m[1][0] === open.marker[0] && m[1].length >= open.marker.length && m[2].trim() === '') {
      found.push({ open: open.line, close: i, info: open.info });
      open = undefined;
    }
  });
  if (open) found.push({ open: open.line, close: lines.length, info: open.info });
  return found;
}

/** What the `aws` command under the cursor does: the SDK operation and whether it changes anything. */
export function awsHoverAt(lines: string[], line: number): AwsHover | undefined {
  const fence = fences(lines).find((f) => line > f.open && line < f.close && /^aws\b/.test(f.info));
  if (!fence) return undefined;
  let start = line;
  while (start - 1 > fence.open && /\\\s*$/.test(lines[start - 1])) start--;
  let end = start;
  while (end + 1 < fence.close && /\\\s*$/.test(lines[end])) end++;
  if (line > end) return undefined;
  const m = /^\s*aws\s+([a-z0-9-]+)\s+([a-z0-9-]+)/.exec(lines[start]);
  if (!m) return undefined;
  const [, service, operation] = m;
  const info = awsOperationInfo(service, operation);
  if (!info) {
    return {
      startLine: start,
      endLine: end,
      service,
      cliOperation: operation,
      sdkOperation: '',
      mutating: true,
      markdown: `**aws ${service} ${operation}**: not an operation Switchyard can run (unknown service or operation); the validator says which names are close.`,
    };
  }
  const required = info.flags.filter((f) => f.required).map((f) => `\`${f.flag}\``);
  const effect = info.mutating
    ? '**Mutating**: changes AWS state. Asks for your confirmation (account, region, resource), takes the runbook’s locks, and is only previewed in a dry run.'
    : '**Read-only**: describes state; safe to run at any time and in a dry run.';
  return {
    startLine: start,
    endLine: end,
    service,
    cliOperation: info.cliOperation,
    sdkOperation: info.sdkOperation,
    mutating: info.mutating,
    markdown: [
      `**${service} ${info.sdkOperation}** — AWS SDK v3 \`${info.sdkOperation}Command\``,
      effect,
      required.length ? `Required: ${required.join(', ')}` : 'No required flags.',
    ].join('\n\n'),
  };
}
