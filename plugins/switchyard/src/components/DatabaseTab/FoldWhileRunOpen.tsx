import { useEffect, useState, type ReactNode } from 'react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';

export interface FoldWhileRunOpenProps {
  /** Fold: a run is open above, and it comes first. */
  folded: boolean;
  /** The folded line, e.g. `Topology: prod-app, writer prod-app-0`. */
  summary: string;
  testId: string;
  children: ReactNode;
}

/**
 * A card that folds to one line while a run is open (the run is what the operator watches; the card
 * is one click away). Its content stays mounted, so a folded diagram still follows the run.
 */
export function FoldWhileRunOpen({ folded, summary, testId, children }: FoldWhileRunOpenProps) {
  const [expanded, setExpanded] = useState(!folded);
  useEffect(() => setExpanded(!folded), [folded]);
  if (!folded) return <>{children}</>;
  return (
    <Accordion
      expanded={expanded}
      onChange={(_, open) => setExpanded(open)}
      data-testid={testId}
      TransitionProps={{ unmountOnExit: false }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="subtitle1">{summary}</Typography>
      </AccordionSummary>
      <AccordionDetails style={{ display: 'block', padding: 0 }}>{children}</AccordionDetails>
    </Accordion>
  );
}
