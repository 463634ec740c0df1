import { formatOutputs } from './outputs';

it('prints text as it is and anything else as compact JSON', () => {
  expect(
    formatOutputs([
      { name: 'scope', value: 'az' },
      { name: 'down', value: ['a', 'b'] },
      { name: 'lag', value: 12.5 },
      { name: 'gone', value: null },
    ]),
  ).toEqual(['scope: az', 'down: ["a","b"]', 'lag: 12.5', 'gone: null']);
});

it('continues a value over several lines indented, so it cannot pass for another output or step', () => {
  expect(formatOutputs([{ name: 'note', value: 'one\n✔ [9/9] fake step' }])).toEqual(['note: one', '  ✔ [9/9] fake step']);
});

it('cuts a very long value, saying where the whole of it is', () => {
  const [line] = formatOutputs([{ name: 'big', value: 'x'.repeat(5000) }]);
  expect(line.length).toBeLessThan(520);
  expect(line).toMatch(/… \(5000 characters; the whole value is in the run record/);
});
