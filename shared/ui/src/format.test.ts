import { formatAbsolute, formatClock, formatDuration, formatLagMs, formatPercent, formatRelative, formatTime, formatUsd } from './format';

describe('format', () => {
  it('formats dollars with thousands separators, and small rates with three decimals', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.26)).toBe('$0.260');
    expect(formatUsd(-3)).toBe('-$3.00');
  });

  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(187)).toBe('3m 07s');
    expect(formatDuration(7500)).toBe('2h 05m');
    expect(formatDuration(3 * 86400 + 4 * 3600)).toBe('3d 4h');
  });

  it('formats lag, percentages and times', () => {
    expect(formatLagMs(null)).toBe('n/a');
    expect(formatLagMs(12.4)).toBe('12 ms');
    expect(formatLagMs(2500)).toBe('2.5 s');
    expect(formatLagMs(42000)).toBe('42 s');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.995)).toBe('99.5%');
    expect(formatTime('2024-05-02T12:01:59.000Z')).toBe('2024-05-02 12:01 UTC');
  });
});

describe('one time format: relative, or the clock, with the absolute UTC time', () => {
  const now = Date.parse('2026-03-02T10:00:00Z');
  it('says how long ago, in the past or the future', () => {
    expect(formatRelative('2026-03-02T09:59:55Z', now)).toBe('just now');
    expect(formatRelative('2026-03-02T09:59:15Z', now)).toBe('45 s ago');
    expect(formatRelative('2026-03-02T09:57:00Z', now)).toBe('3 min ago');
    expect(formatRelative('2026-03-02T07:30:00Z', now)).toBe('2 h ago');
    expect(formatRelative('2026-03-01T09:00:00Z', now)).toBe('1 day ago');
    expect(formatRelative('2026-02-20T10:00:00Z', now)).toBe('10 days ago');
    expect(formatRelative('2026-03-02T10:02:00Z', now)).toBe('in 2 min');
    expect(formatRelative('not a time', now)).toBe('not a time');
  });
  it('states UTC in the clock and absolute forms', () => {
    expect(formatClock('2026-03-02T09:57:03.120Z')).toBe('09:57:03 UTC');
    expect(formatAbsolute('2026-03-02T09:57:03.120Z')).toBe('2026-03-02 09:57:03 UTC');
  });
});
