import { InfoCard } from '@backstage/core-components';
import { CostSummary } from '@switchyard/ui';
import type { CostReport } from '@switchyard/backstage-plugin-switchyard-common';
import { ErrorNotice } from '../ErrorNotice';

/** What this database's parallel environments (Blue/Green green, old blue) cost; the price source and date are in the summary. */
export function CostCard({ report, error }: { report: CostReport | undefined; error: Error | undefined }) {
  return (
    <InfoCard title="Cost of parallel environments" subheader={report ? `Prices: ${report.price.source}, ${report.price.date}` : undefined}>
      {error && <ErrorNotice error={error} title="Could not compute the cost" />}
      {report && <CostSummary report={report} />}
    </InfoCard>
  );
}
