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
