import { LinkButton } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { PendingApproval } from '@switchyard/backstage-plugin-switchyard-common';

const useStyles = makeStyles((theme) => ({
  banner: {
    borderLeft: `6px solid ${theme.palette.warning.main}`,
    padding: theme.spacing(1.5, 2),
    marginBottom: theme.spacing(2),
  },
  row: { display: 'flex', alignItems: 'center', gap: theme.spacing(2), padding: theme.spacing(0.5, 0), flexWrap: 'wrap' },
  text: { flex: '1 1 24rem' },
}));

export interface PendingApprovalsBannerProps {
  approvals: PendingApproval[] | undefined;
  /** Opens the run on this page (entity page); without it each row links to the run's database page (`linkTo`). */
  onOpen?(approval: PendingApproval): void;
  linkTo?(approval: PendingApproval): string;
}

/**
 * "Waiting for your approval": the runs the signed-in user may approve, at the top of the page. Shows
 * nothing while they load or when there are none: no space is reserved, nothing is denied.
 */
export function PendingApprovalsBanner({ approvals, onOpen, linkTo }: PendingApprovalsBannerProps) {
  const classes = useStyles();
  if (!approvals?.length) return null;
  return (
    <Paper className={classes.banner} role="region" aria-label="Waiting for your approval" data-testid="pending-approvals">
      <Typography variant="h6" component="h2">
        {approvals.length === 1 ? 'A run is waiting for your approval' : `${approvals.length} runs are waiting for your approval`}
      </Typography>
      {approvals.map((a) => (
        <Box key={a.runId} className={classes.row} data-testid={`pending-approval-${a.runId}`}>
          <Typography className={classes.text} variant="body2">
            <strong>{a.database}</strong> · {a.title} · step “{a.stepName}”: {a.message}
            <Typography component="span" variant="body2" color="textSecondary">
              {' '}
              (started by {a.startedBy.replace(/^user:default\//, '')})
            </Typography>
          </Typography>
          {onOpen ? (
            <Button variant="contained" color="primary" size="small" onClick={() => onOpen(a)}>
              Review and approve
            </Button>
          ) : (
            linkTo && (
              <LinkButton variant="contained" color="primary" size="small" to={linkTo(a)}>
                Review and approve
              </LinkButton>
            )
          )}
        </Box>
      ))}
    </Paper>
  );
}
