/**
 * The one way both front ends show a moment: relative (`3 min ago`) or the clock to the second
 * (`14:03:07 UTC`), always with the full UTC time on hover and in `dateTime`, so nobody has to guess
 * a time zone at 3 a.m.
 */
import { formatAbsolute, formatClock, formatRelative } from './format';
import { useNow } from './use-now';

export interface TimeProps {
  iso: string;
  /** `relative` (default) ticks every second; `clock` is the UTC time to the second. */
  mode?: 'relative' | 'clock';
  /** Epoch ms to measure from (tests, or a host clock); default: the browser's, ticking. */
  now?: number;
}

export function Time({ iso, mode = 'relative', now: givenNow }: TimeProps) {
  const now = useNow(givenNow, mode === 'relative');
  return (
    <time className="sy-time" dateTime={iso} title={formatAbsolute(iso)}>
      {mode === 'clock' ? formatClock(iso) : formatRelative(iso, now)}
    </time>
  );
}
