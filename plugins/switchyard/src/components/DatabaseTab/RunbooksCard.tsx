import { InfoCard } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { EntityPermissions, RunbookSummary } from '@switchyard/backstage-plugin-switchyard-common';
import { CardSkeleton } from '../CardSkeleton';
import { ErrorNotice } from '../ErrorNotice';

/** Rows reserved before the runbooks are known (the library's usual size); a dense row with its id line is ~60 px. */
const RESERVED_ROWS = 6;
const ROW_PX = 60;

export interface RunbooksCardProps {
  runbooks: RunbookSummary[] | undefined;
  error: Error | undefined;
  permissions: EntityPermissions | undefined;
  onRun(runbook: RunbookSummary): void;
  /** The backend is unreachable: Run is disabled. */
  disabled?: boolean;
  /**
   * Which runbooks apply depends on the topology (Global Database, Blue/Green stage): until it is
   * known the list is not drawn, so it does not grow or shrink under the reader's eyes.
   */
  settled?: boolean;
  /** How many runbooks the library has (the most the list can show): rows reserved while it settles. */
  reserve?: number;
}

/** The runbooks that apply to this database, each with "Run" when the user may start runs here. */
export function RunbooksCard({ runbooks, error, permissions, onRun, disabled, settled = true, reserve }: RunbooksCardProps) {
  const mayRun = permissions?.createRun === true;
  const shown = settled ? runbooks : undefined;
  const rows = Math.min(reserve ?? RESERVED_ROWS, RESERVED_ROWS);
  return (
    <InfoCard title="Runbooks">
      {error && <ErrorNotice error={error} title="Could not list the runbooks" />}
      {!shown && !error && <CardSkeleton lines={rows} height={rows * ROW_PX} label="Loading the runbooks" testId="runbooks-skeleton" />}
      {shown && shown.length === 0 && <Typography variant="body2">No runbook applies to this database.</Typography>}
      {shown && shown.length > 0 && (
        <List dense aria-label="Runbooks">
          {shown.map((r) => (
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
      {/* Below the list: permissions arrive on their own and must not push the list down. */}
      {permissions && !mayRun && (
        <Typography variant="body2" color="textSecondary" data-testid="no-create-permission">
          Signed in as {permissions.user.replace(/^user:(default\/)?/, '')}: you may not start runbooks on this database (its owners can).
        </Typography>
      )}
    </InfoCard>
  );
}
