import { MiddlewareFactory, type RootHttpRouterConfigureContext } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { configureWithoutStackTraces } from './dev-root-http-router';

const nodeEnv = process.env.NODE_ENV;
// As the dev backend runs (its sign-in providers need it): Backstage's error handlers show stacks here.
beforeAll(() => (process.env.NODE_ENV = 'development'));
afterAll(() => (process.env.NODE_ENV = nodeEnv));

const config = mockServices.rootConfig({
  data: { backend: { baseUrl: 'http://localhost:7007', cors: { origin: 'http://localhost:3000' } } },
});
const logger = mockServices.rootLogger({ level: 'none' });

/**
 * Routes that fail: a plugin's, behind its own error handler (Backstage's httpRouter puts the
 * default one on every plugin's router), and one whose error reaches the root's handler.
 */
function failingRoutes(): express.Router {
  const plugin = express.Router();
  plugin.get('/denied', () => {
    throw new NotAllowedError('user:default/carol may not approve runs on resource:default/prod-app');
  });
  plugin.get('/unavailable', () => {
    throw new ServiceUnavailableError('AWS did not answer', new Error('connect ECONNREFUSED 10.0.0.1:443'));
  });
  plugin.use(MiddlewareFactory.create({ config, logger }).error());
  const routes = express.Router();
  routes.use('/api/switchyard', plugin);
  routes.get('/api/boom', () => {
    throw new Error('the database connection string was wrong');
  });
  return routes;
}

/** An app behind the root router `configure` sets up. */
function appWith(configure: (context: RootHttpRouterConfigureContext) => void): express.Express {
  const app = express();
  const routes = failingRoutes();
  const applyDefaults = () => app.use(routes, MiddlewareFactory.create({ config, logger }).error());
  configure({
    app,
    config,
    logger,
    routes,
    middleware: MiddlewareFactory.create({ config, logger }),
    healthRouter: express.Router(),
    server: undefined as never,
    lifecycle: mockServices.lifecycle.mock(),
    applyDefaults,
  });
  return app;
}

it("answers errors, a 500 and a plugin's own included, with their message and no stack trace", async () => {
  const app = appWith(configureWithoutStackTraces);
  const crash = await request(app).get('/api/boom');
  expect([crash.status, crash.body.error]).toEqual([500, { name: 'Error', message: 'the database connection string was wrong' }]);
  const denied = await request(app).get('/api/switchyard/denied');
  expect([denied.status, denied.body.error]).toEqual([
    403,
    { name: 'NotAllowedError', message: expect.stringContaining('may not approve') },
  ]);
  const unavailable = await request(app).get('/api/switchyard/unavailable');
  expect([unavailable.status, unavailable.body.error]).toEqual([
    503,
    {
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('AWS did not answer'),
      cause: { name: 'Error', message: expect.any(String) },
    },
  ]);
  for (const res of [crash, denied, unavailable]) expect(res.text).not.toMatch(/stack|\.ts:\d+|node_modules|at \w+ \(/);
});

it("is needed: Backstage's error handlers put the stack in the body under NODE_ENV=development", async () => {
  const app = appWith(({ applyDefaults }) => applyDefaults());
  for (const url of ['/api/boom', '/api/switchyard/denied']) {
    expect((await request(app).get(url)).body.error.stack).toContain(__filename);
  }
});
