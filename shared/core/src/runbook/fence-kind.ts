import { BLOCK_KINDS, type BlockKind } from '../blocks/registry';

/**
 * Which fences run. The first word of the info string decides:
 *  - one of the block kinds (`registry.ts`) → an executable block (`http` is one since it became a kind:
 *    an HTTP example to show is a `text` fence);
 *  - no info string, or a known language (bash, json, text, …) → an example shown as prose;
 *  - any other word → error `unknown-block-kind`: it is most likely a misspelt kind, and a
 *    guard that silently became prose would let a run skip a check.
 * A known language carrying `rollback` or `when:` is an error too: it was meant to run.
 */
export const DISPLAY_LANGUAGES: ReadonlySet<string> = new Set([
  'bash',
  'shell',
  'console',
  'shell-session',
  'zsh',
  'fish',
  'powershell',
  'ps1',
  'bat',
  'cmd',
  'text',
  'txt',
  'plaintext',
  'plain',
  'output',
  'log',
  'none',
  'diff',
  'patch',
  'json',
  'jsonc',
  'json5',
  'yaml',
  'yml',
  'toml',
  'ini',
  'conf',
  'properties',
  'env',
  'dotenv',
  'xml',
  'csv',
  'tsv',
  'markdown',
  'md',
  'html',
  'css',
  'mermaid',
  'graphql',
  'cel',
  'promql',
  'regex',
  'psql',
  'pgsql',
  'postgres',
  'postgresql',
  'plpgsql',
  'mysql',
  'tsql',
  'plsql',
  'sqlite',
  'python',
  'py',
  'javascript',
  'js',
  'typescript',
  'ts',
  'go',
  'java',
  'kotlin',
  'scala',
  'ruby',
  'rb',
  'rust',
  'rs',
  'c',
  'cpp',
  'csharp',
  'cs',
  'php',
  'perl',
  'lua',
  'r',
  'swift',
  'groovy',
  'hcl',
  'terraform',
  'tf',
  'dockerfile',
  'docker',
  'makefile',
  'make',
  'nginx',
  'apache',
  'proto',
  'protobuf',
]);

export type FenceClass = { type: 'block'; kind: BlockKind } | { type: 'prose' } | { type: 'unknown'; word: string };

export function classifyFence(kindWord: string): FenceClass {
  if ((BLOCK_KINDS as readonly string[]).includes(kindWord)) return { type: 'block', kind: kindWord as BlockKind };
  // Pandoc-style attributes (`{.python}`) are display hints too.
  if (kindWord === '' || /^[{.]/.test(kindWord) || DISPLAY_LANGUAGES.has(kindWord.toLowerCase())) return { type: 'prose' };
  return { type: 'unknown', word: kindWord };
}
