/**
 * The dev backend's root HTTP router (dev/index.ts only): Backstage's defaults, in their order,
 * except that error responses never carry stack traces. Backstage puts them in every error body
 * whenever NODE_ENV=development, which the dev backend needs for its sign-in providers, and each
 * plugin's router has its own error handler, so they are taken out of the bodies on the way out,
 * whoever wrote them. A stack trace tells a caller file paths, package versions and code
 * structure, and helps nobody reading a 403. Errors are still logged with their stacks (5xx).
 */
import { rootHttpRouterServiceFactory, type RootHttpRouterConfigureContext } from '@backstage/backend-defaults/rootHttpRouter';
import type { RequestHandler } from 'express';

export function configureWithoutStackTraces({ app, config, middleware, routes, healthRouter }: RootHttpRouterConfigureContext): void {
  if (process.env.NODE_ENV === 'development') app.set('json spaces', 2);
  const trustProxy = config.getOptional('backend.trustProxy');
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy);
  app.use(withoutStackTraces);
  app.use(middleware.helmet());
  app.use(middleware.cors());
  app.use(middleware.compression());
  app.use(middleware.logging());
  app.use(middleware.rateLimit());
  app.use(healthRouter);
  app.use(routes);
  app.use(middleware.notFound());
  app.use(middleware.error({ showStackTraces: false }));
}

export const devRootHttpRouterServiceFactory = rootHttpRouterServiceFactory({ configure: configureWithoutStackTraces });

/** Error bodies (Backstage's `{ error: { name, message, stack?, cause? } }`) leave without their stacks. */
export const withoutStackTraces: RequestHandler = (_req, res, next) => {
  const json = res.json.bind(res);
  res.json = (body?: unknown) =>
    json(res.statusCode >= 400 && isObject(body) && isObject(body.error) ? { ...body, error: unstacked(body.error) } : body);
  next();
};

function unstacked(error: Record<string, unknown>): Record<string, unknown> {
  const { stack: _stack, cause, ...rest } = error;
  return isObject(cause) ? { ...rest, cause: unstacked(cause) } : cause === undefined ? rest : { ...rest, cause };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
