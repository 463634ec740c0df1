import { cel, type CelAstNode } from './cel-runtime';

export interface StepReference {
  id: string;
  /** Offset of `steps` within the expression. */
  offset: number;
  /** The member read from it (`output`, `outputs`, `status`), when the expression names one. */
  member?: string;
}

/** Every `steps.<id>` / `steps["id"]` an expression reads (empty when it does not parse). */
export function stepReferences(expr: string): StepReference[] {
  let ast: CelAstNode;
  try {
    ast = cel.parse(expr).ast;
  } catch {
    return [];
  }
  const found: StepReference[] = [];
  // `steps.<id>.<member>`: the member of each `steps.<id>` node, seen from its parent (visited first).
  const members = new Map<CelAstNode, string>();
  visit(ast, (node) => {
    if ((node.op === '.' || node.op === '.?') && isAstNode(node.args[0]) && typeof node.args[1] === 'string') {
      members.set(node.args[0], node.args[1]);
    }
    if ((node.op === '.' || node.op === '.?') && isStepsId(node.args[0])) {
      const member = members.get(node);
      found.push({ id: node.args[1], offset: node.args[0].start, ...(member ? { member } : {}) });
    } else if (
      (node.op === '[]' || node.op === '[?]') &&
      isStepsId(node.args[0]) &&
      node.args[1].op === 'value' &&
      typeof node.args[1].args === 'string'
    ) {
      const member = members.get(node);
      found.push({ id: node.args[1].args, offset: node.args[0].start, ...(member ? { member } : {}) });
    }
  });
  return found;
}

/** The names of the variables an expression reads (`lag` in `lag.max < 1000`); empty when it does not parse. */
export function variableReferences(expr: string): Set<string> {
  const found = new Set<string>();
  try {
    visit(cel.parse(expr).ast, (node) => {
      if (node.op === 'id' && typeof node.args === 'string') found.add(node.args);
    });
  } catch {
    // An expression that does not parse reads nothing; evaluating it reports the parse error.
  }
  return found;
}

function isStepsId(node: CelAstNode): boolean {
  return node.op === 'id' && node.args === 'steps';
}

function visit(node: unknown, f: (node: CelAstNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, f);
    return;
  }
  if (!isAstNode(node)) return;
  f(node);
  visit(node.args, f);
}

function isAstNode(value: unknown): value is CelAstNode {
  return value !== null && typeof value === 'object' && 'op' in value && 'args' in value;
}
