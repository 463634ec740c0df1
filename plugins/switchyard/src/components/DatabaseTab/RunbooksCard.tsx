import { InfoCard, Progress } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { EntityPermissions, RunbookSummary } from '@switchyard/backstage-plugin-switchyard-common';
import { ErrorNotice } from '../ErrorNotice';

export interface RunbooksCardProps {
  runbooks: RunbookSummary[] | undefined;
  error: Error | undefined;
  permissions: EntityPermissions | undefined;
  onRun(runbook: RunbookSummary): void;
  /** The backend is unreachable: Run is disabled. */
  disabled?: boolean;
}

/** The runbooks that apply to this database, each with "Run" when the user may start runs here. */
export function RunbooksCard({ runbooks, error, permissions, onRun, disabled }: RunbooksCardProps) {
  const mayRun = permissions?.createRun === true;
  return (
    <InfoCard title="Runbooks">
      {error && <ErrorNotice error={error} title="Could not list the runbooks" />}
      {!runbooks && !error && <Progress />}
      {permissions && !mayRun && (
        <Typography variant="body2" color="textSecondary" data-testid="no-create-permission">
          Signed in as {permissions.user.replace(/^user:(default\/)?/, '')}: you may not start runbooks on this database (its owners can).
        </Typography>
      )}
      {runbooks && runbooks.length === 0 && <Typography variant="body2">No runbook applies to this database.</Typography>}
      {runbooks && runbooks.length > 0 && (
        <List dense aria-label="Runbooks">
          {runbooks.map((r) => (
            <ListItem key={r.id} data-testid={`runbook-${r.id}`}>
              <ListItemText
                // Backstage's list styles do not wrap; long runbook titles must.
                style={{ whiteSpace: 'normal' }}
                primary={r.title}
                secondary={`${r.id}${r.mutating ? ' · changes AWS' : ' · read-only'}`}
              />
              {mayRun && (
                <Button
                  variant="outlined"
                  color="primary"
                  size="small"
                  onClick={() => onRun(r)}
                  disabled={disabled}
                  aria-label={`Run ${r.title}`}
                  style={{ marginLeft: 16, flexShrink: 0 }}
                >
                  Run
                </Button>
              )}
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
