/**
 * What a `wait` block waits for, for people watching it: the condition read out in words, with the
 * params and step outputs it compares against filled in, and the latest observed values it reads.
 * `cluster.status == "available" && cluster.writer == steps.before.output.target` becomes
 * `cluster.status is "available" and cluster.writer is "prod-app-2"`, observed
 * `cluster.status = "failing-over"`, `cluster.writer = "prod-app-1"`.
 */
import { evaluateCel, renderTemplate } from '../../cel';
import { cel, type CelAstNode } from '../../cel/cel-runtime';

/** The variables a runbook gives every expression: their values are known, so they are filled in. */
const KNOWN_ROOTS = new Set(['params', 'steps', 'run']);
const MAX_VALUE = 80;

export interface WaitDescription {
  condition: string;
  observed: string[];
}

/**
 * `expr` read out against `scope` (the runbook's variables and this poll's observations, named by
 * `observedNames`); `message` (the block's `until` message) replaces the read-out when given.
 */
export function describeWait(
  expr: string,
  message: string | undefined,
  scope: Record<string, unknown>,
  observedNames: string[],
): WaitDescription {
  const chains = selections(expr);
  const observed = chains
    .filter((c) => observedNames.includes(c.root))
    .map((c) => `${c.text} = ${valueOf(c.text, scope) ?? 'not observed'}`)
    .filter((line, i, all) => all.indexOf(line) === i);
  if (message) return { condition: renderTemplate(message, scope), observed };
  let words = '';
  let at = 0;
  for (const c of chains.filter((c) => KNOWN_ROOTS.has(c.root))) {
    // A known variable that does not resolve (an output a skipped step never gave) keeps its name.
    words += readOut(expr.slice(at, c.start)) + (valueOf(c.text, scope) ?? c.text);
    at = c.end;
  }
  words += readOut(expr.slice(at));
  return { condition: words.replace(/\s+/g, ' ').trim(), observed };
}

interface Selection {
  root: string;
  text: string;
  start: number;
  end: number;
}

/** The outermost field selections (`a.b.c`) of an expression, in source order; none when it does not parse. */
function selections(expr: string): Selection[] {
  let ast: CelAstNode;
  try {
    ast = cel.parse(expr).ast;
  } catch {
    return [];
  }
  const found: Selection[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node)) return;
    const root = node.op === '.' ? rootOf(node) : undefined;
    if (root !== undefined) {
      found.push({ root, text: expr.slice(node.start, node.end), start: node.start, end: node.end });
      return; // its inner selections are part of it
    }
    visit(node.args);
  };
  visit(ast);
  return found.sort((a, b) => a.start - b.start);
}

/** The variable a chain of plain selections starts from, or undefined (a selection on a call's result). */
function rootOf(node: CelAstNode): string | undefined {
  let n: CelAstNode = node;
  while (n.op === '.') n = n.args[0];
  return n.op === 'id' && typeof n.args === 'string' ? n.args : undefined;
}

function isNode(value: unknown): value is CelAstNode & { start: number; end: number } {
  return typeof value === 'object' && value !== null && 'op' in value && 'start' in value;
}

/** The value at `path` as JSON, shortened; undefined when it cannot be read. */
function valueOf(path: string, scope: Record<string, unknown>): string | undefined {
  try {
    const value = evaluateCel(path, scope);
    const text = value === undefined ? 'absent' : JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
    return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
  } catch {
    return undefined;
  }
}

const OPERATORS: [RegExp, string][] = [
  [/==/g, ' is '],
  [/!=/g, ' is not '],
  [/&&/g, ' and '],
  [/\|\|/g, ' or '],
  [/>=/g, ' ≥ '],
  [/<=/g, ' ≤ '],
];

/** Operators read out, outside string literals. */
function readOut(code: string): string {
  return code
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((part, i) => (i % 2 ? part : OPERATORS.reduce((text, [op, word]) => text.replace(op, word), part)))
    .join('');
}
