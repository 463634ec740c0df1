import { classifyFence } from './fence-kind';
import { parseDuration } from './duration';
import { isCelIdentifier, slugify } from './identifiers';
import { parseInfoString } from './info-string';
import { closestMatch } from './closest-match';

describe('parseDuration', () => {
  it.each([
    ['30s', 30],
    ['2m', 120],
    ['1h', 3600],
    ['1h30m', 5400],
    ['90', 90],
    [45, 45],
  ])('%s → %i s', (text, seconds) => expect(parseDuration(text)).toBe(seconds));
  it.each(['', '5 minutes', '1d', '-1', 'm'])('%s is not a duration', (text) => expect(parseDuration(text)).toBeUndefined());
});

describe('step ids', () => {
  it('slugs headings into CEL identifiers', () => {
    expect(slugify('Fail over to the **new** writer!', 'x')).toBe('fail_over_to_the_new_writer');
    expect(slugify('Réplica lag < 1 s', 'x')).toBe('replica_lag_1_s');
    expect(slugify('1. Check', 'x')).toBe('step_1_check');
    expect(slugify('In', 'x')).toBe('in_step');
    expect(slugify('!!!', 'step_3')).toBe('step_3');
    expect(isCelIdentifier('choose_target')).toBe(true);
    expect(isCelIdentifier('choose-target')).toBe(false);
  });
});

describe('info strings and fence kinds', () => {
  it('reads kind, rollback, options and when', () => {
    const info = parseInfoString('sh rollback timeout=5m when: steps.a.output.x == "y z"', 3, 4);
    expect(info.kind).toBe('sh');
    expect(info.rollback).toBe(true);
    expect(info.options.get('timeout')).toEqual({ value: '5m', pos: { line: 3, column: 24 }, keyPos: { line: 3, column: 16 } });
    expect(info.when).toEqual({ expr: 'steps.a.output.x == "y z"', pos: { line: 3, column: 33 } });
    expect(info.stray).toEqual([]);
  });

  it('reads the reason after `#` in `when:`, not a `#` inside a CEL string', () => {
    expect(parseInfoString('http when: url != "" # no endpoint configured', 1, 4).when).toEqual({
      expr: 'url != ""',
      pos: { line: 1, column: 15 },
      reason: 'no endpoint configured',
    });
    const strings = `a == "#x" && b != '#' && c == """#""" && d == r"\\"`;
    expect(parseInfoString(`http when: ${strings} # why`, 1, 1).when).toMatchObject({ expr: strings, reason: 'why' });
    expect(parseInfoString('http when: a == "\\"#" #', 1, 1).when).toEqual({ expr: 'a == "\\"#"', pos: { line: 1, column: 12 } });
  });

  it('classifies fences: the six kinds run, known languages are prose, other words are unknown kinds', () => {
    expect(classifyFence('check')).toEqual({ type: 'block', kind: 'check' });
    expect(classifyFence('bash')).toEqual({ type: 'prose' });
    expect(classifyFence('')).toEqual({ type: 'prose' });
    expect(classifyFence('{.python}')).toEqual({ type: 'prose' });
    expect(classifyFence('chek')).toEqual({ type: 'unknown', word: 'chek' });
  });

  it('matches near names only', () => {
    expect(closestMatch('wiat', ['aws', 'wait', 'check'])).toBe('wait');
    expect(closestMatch('kubernetes', ['aws', 'wait', 'check'])).toBeUndefined();
  });
});
