import { findTemplates, findTemplateSpans, findUnclosedTemplate, renderTemplate } from './templates';
import { stepReferences } from './references';

describe('templates', () => {
  const context = {
    cluster: 'prod',
    lag: 1.5,
    n: 3,
    ok: true,
    tags: { a: 'b' },
    steps: { choose_target: { output: { target: 'prod-2' } } },
  };

  it('renders CEL expressions: strings as-is, numbers plainly, objects as JSON', () => {
    expect(renderTemplate('{{ cluster }}', context)).toBe('prod');
    expect(renderTemplate('{{ steps.choose_target.output.target }}', context)).toBe('prod-2');
    expect(renderTemplate('{{ cluster + "-old1" }}', context)).toBe('prod-old1');
    expect(renderTemplate('lag={{lag}} n={{ n + 1 }} ok={{ ok }} tags={{ tags }}', context)).toBe('lag=1.5 n=4 ok=true tags={"a":"b"}');
    expect(renderTemplate('no templates', context)).toBe('no templates');
  });

  it('finds templates with positions', () => {
    expect(findTemplates('a {{ x }}\n  {{y}}', { line: 10, column: 5 })).toEqual([
      { expr: 'x', pos: { line: 10, column: 7 } },
      { expr: 'y', pos: { line: 11, column: 3 } },
    ]);
    expect(findTemplateSpans('x{{  a }}')).toEqual([{ expr: 'a', start: 1, end: 9, exprStart: 5 }]);
    expect(findUnclosedTemplate('a {{ b }} {{ c')).toBe(10);
    expect(findUnclosedTemplate('a {{ b }}')).toBeUndefined();
  });

  it('lists the steps an expression reads', () => {
    expect(stepReferences('steps.a.output.x == steps["b"].output && has(steps.c)')).toEqual([
      { id: 'a', offset: 0, member: 'output' },
      { id: 'b', offset: 20, member: 'output' },
      { id: 'c', offset: 45 },
    ]);
    expect(stepReferences('not valid (')).toEqual([]);
  });
});
