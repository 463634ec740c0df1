import type { AuditorService, AuditorServiceCreateEventOptions } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/**
 * Records one audit event around `work`: created before it runs, marked a success with
 * `successMeta(result)` when it returns, a failure with the error when it throws (which is thrown on).
 */
export async function audited<T>(
  auditor: AuditorService,
  event: AuditorServiceCreateEventOptions,
  work: () => Promise<T>,
  successMeta: (result: T) => JsonObject,
): Promise<T> {
  const audit = await auditor.createEvent(event);
  try {
    const result = await work();
    await audit.success({ meta: successMeta(result) });
    return result;
  } catch (error) {
    await audit.fail({ error: error as Error });
    throw error;
  }
}
