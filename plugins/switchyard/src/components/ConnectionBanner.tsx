import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { BackendConnection } from '../hooks/useBackendConnection';

const useStyles = makeStyles((theme) => ({
  banner: { borderLeft: `6px solid ${theme.palette.error.main}`, padding: theme.spacing(1.5, 2) },
}));

const hhmmss = (iso: string) => `${iso.slice(11, 19)} UTC`;

/** "Switchyard is unreachable": what the page shows may be stale, and its controls are off until it answers. */
export function ConnectionBanner({ connection }: { connection: BackendConnection }) {
  const classes = useStyles();
  if (connection.connected) return null;
  return (
    <Paper className={classes.banner} role="alert" data-testid="backend-disconnected">
      <Typography variant="h6" component="h2">
        Switchyard&apos;s backend is not answering{connection.since ? ` (since ${hhmmss(connection.since)})` : ''}
      </Typography>
      <Typography variant="body2">
        What this page shows may be out of date, and its controls are disabled until the backend answers again (checked every few seconds).
        Runs are not lost: they go on on the backend, or resume when it restarts.
        {connection.cause ? ` Last error: ${connection.cause}` : ''}
      </Typography>
    </Paper>
  );
}
