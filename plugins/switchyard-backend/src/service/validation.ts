/** Request bodies, checked before anything happens; a bad body is a 400 naming every problem. */
import { InputError } from '@backstage/errors';
import { z } from 'zod';

export const createRunSchema = z
  .object({
    runbook: z.string().min(1, 'name the runbook, e.g. failover.md'),
    entityRef: z.string().min(1, 'name the database entity, e.g. resource:default/prod-app'),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
    dryRun: z.boolean().optional(),
  })
  .strict();

export const runActionSchema = z
  .object({
    action: z.enum(['approve', 'reject', 'retry', 'skip', 'abort', 'rollback']),
    reason: z.string().max(2000).optional(),
  })
  .strict()
  .refine((b) => !(b.action === 'skip' || b.action === 'reject') || (b.reason ?? '').trim().length > 0, {
    message: 'skip and reject need a reason; it is recorded in the audit trail',
    path: ['reason'],
  });

export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`);
  throw new InputError(`${what}: ${problems.join('; ')}`);
}
