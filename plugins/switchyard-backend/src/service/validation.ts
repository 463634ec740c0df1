/** Request bodies, checked before anything happens; a bad body is a 400 naming every problem. */
import { InputError } from '@backstage/errors';
import { InvalidControlError, parseRunControl, RUN_ACTIONS, type RunControl } from '@switchyard/core';
import { z } from 'zod';

export const createRunSchema = z
  .object({
    runbook: z.string().min(1, 'name the runbook, e.g. failover.md'),
    entityRef: z.string().min(1, 'name the database entity, e.g. resource:default/prod-app'),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
    dryRun: z.boolean().optional(),
  })
  .strict();

/** A run control: its shape here, its rules (known action, reason where required) from the core's parseRunControl. */
export const runActionSchema = z
  .object({
    action: z.enum(RUN_ACTIONS),
    reason: z.string().max(2000).optional(),
  })
  .strict()
  .transform((body, ctx): RunControl => {
    try {
      return parseRunControl(body.action, body.reason);
    } catch (error) {
      if (!(error instanceof InvalidControlError)) throw error;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: error.hint, path: ['reason'] });
      return z.NEVER;
    }
  });

export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`);
  throw new InputError(`${what}: ${problems.join('; ')}`);
}

/** A rollout's plan as an operator describes it; the core's planRollout checks the strings' meaning (all problems at once). */
export const rolloutPlanSchema = z
  .object({
    runbook: z.string().min(1, 'name the runbook, e.g. failover.md').max(200),
    selection: z.string().min(1, 'select clusters: ids or ARNs, team=payments, engine=…, version=15.*, or *').max(20_000),
    params: z.record(z.string().max(200), z.string().max(2000)).default({}),
    waves: z.string().min(1, 'give the waves, e.g. 1,25%,rest').max(500),
    maxConcurrency: z.number().int().min(1).max(10_000).optional(),
    maxFailures: z.string().min(1, 'give the failure budget, e.g. 2 or 10%').max(20),
    maxGuardStops: z.string().min(1).max(20).optional(),
    gate: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('none') }).strict(),
        z
          .object({
            kind: z.literal('pause'),
            seconds: z
              .number()
              .min(0)
              .max(7 * 24 * 3600),
          })
          .strict(),
        z.object({ kind: z.literal('approval') }).strict(),
      ])
      .default({ kind: 'none' }),
    title: z.string().max(200).optional(),
  })
  .strict();

const reason = z.string().max(2000).optional();

/** A rollout control: its shape here; whether the rollout's state allows it is the core's applyRolloutControl. */
export const rolloutActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('pause'), reason }).strict(),
  z.object({ action: z.literal('resume'), reason }).strict(),
  z.object({ action: z.literal('approve'), reason }).strict(),
  z.object({ action: z.literal('abort'), abortRuns: z.boolean(), reason }).strict(),
  z.object({ action: z.literal('retry'), clusters: z.array(z.string().min(1).max(300)).min(1).max(10_000).optional(), reason }).strict(),
  z
    .object({
      action: z.literal('skip'),
      cluster: z.string().min(1, 'name the cluster to skip').max(300),
      reason: z.string().trim().min(1, 'a skip needs a reason (kept in the audit trail)').max(2000),
    })
    .strict(),
]);
