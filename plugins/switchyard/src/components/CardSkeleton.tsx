import { useTheme } from '@material-ui/core/styles';

export interface CardSkeletonProps {
  /** Grey lines to draw (a list's rows, a table's). */
  lines?: number;
  /** The height the content will take, reserved now so it does not push what is below when it arrives. */
  height?: number;
  label: string;
  testId?: string;
}

/**
 * The shape of a card's content while it loads: drawn at once for every card, at the size the
 * content will have, so the page does not jump as answers arrive in any order.
 */
export function CardSkeleton({ lines = 3, height, label, testId }: CardSkeletonProps) {
  const theme = useTheme();
  const bar = theme.palette.type === 'dark' ? 'rgba(255,255,255,0.11)' : 'rgba(0,0,0,0.08)';
  return (
    <div role="progressbar" aria-busy="true" aria-label={label} data-testid={testId} style={{ minHeight: height }}>
      {Array.from({ length: lines }, (_, i) => (
        <div
          key={i}
          style={{ height: 20, margin: '10px 0', borderRadius: 4, background: bar, width: i === lines - 1 && lines > 1 ? '60%' : '100%' }}
        />
      ))}
    </div>
  );
}
