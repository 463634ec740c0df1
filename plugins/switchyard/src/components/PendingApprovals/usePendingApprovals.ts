import { useApi } from '@backstage/core-plugin-api';
import { switchyardApiRef } from '../../api/SwitchyardApi';
import { useInterval } from '../../hooks/useInterval';
import { useLoad } from '../../hooks/useLoad';

/** A run can start waiting at any moment: the banner looks again at this pace. */
const APPROVALS_POLL_MS = 10000;

/** The runs waiting for the signed-in user's approval (one database's, or all), kept fresh. */
export function usePendingApprovals(entityRef?: string) {
  const api = useApi(switchyardApiRef);
  const approvals = useLoad(() => api.listPendingApprovals(entityRef), `approvals:${entityRef ?? '*'}`);
  useInterval(approvals.reload, APPROVALS_POLL_MS);
  return approvals;
}
