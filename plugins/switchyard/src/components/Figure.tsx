import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** One headline figure: a small label over a large value, with an optional note in red (e.g. figures missing). */
export function Figure({ label, value, testId, note }: { label: string; value: string; testId: string; note?: string | null }) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="overline" color="textSecondary" component="div">
        {label}
      </Typography>
      <Typography variant="h5" component="div" data-testid={testId}>
        {value}
      </Typography>
      {note && (
        <Typography variant="caption" color="error" component="div" data-testid={`${testId}-note`}>
          {note}
        </Typography>
      )}
    </Box>
  );
}
