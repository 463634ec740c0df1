/**
 * `@switchyard/core/model`: the run model and its rules, safe for browsers (no Node imports, no
 * AWS SDK). shared/ui, the Backstage frontend and the VS Code webview import it; the engine
 * enforces the same rules. An eslint boundary keeps Node code out (eslint.config.mjs) and
 * model.test.ts checks the built entry's import graph.
 */
export * from './run';
export * from './statuses';
export * from './controls';
export * from './approval-rule';
export * from './allowed-controls';
export * from './errors';
export * from './run-events';
export * from './lock-keys';
export * from './blue-green-lifecycle';
export * from './runbook-offer';
export * from './control-effect';
export * from './global-role';
export * from './run-subject';
export * from './param-choices';
export * from './cost-missing';
