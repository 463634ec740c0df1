/**
 * @switchyard/ui — the React 18 components the Backstage plugin and the VS Code panel both render.
 * Themed only through `--sy-*` CSS variables: include `@switchyard/ui/styles.css`, then map the
 * variables to the host's theme (`@switchyard/ui/themes/vscode.css`, or `backstageThemeVars`).
 */
export { TopologyDiagram, type TopologyDiagramProps } from './TopologyDiagram';
export { LintFindings, type LintFindingsProps } from './LintFindings';
export { RunbookParamsForm, type RunbookParamsFormProps, type SubmitOptions } from './RunbookParamsForm';
export { paramOptions, initialParamValues, type ParamOption } from './param-options';
export { paramLabel, nameInWords, type ParamLabel } from './param-label';
export { validateParams, toSubmitted } from './param-validation';
export { RunView, viewerOf, type RunViewProps } from './RunView';
export { ConfirmControl, reasonProblem, type ConfirmRequest, type ConfirmableEffect } from './ConfirmControl';
export { RolloutBoard, type RolloutBoardProps } from './RolloutBoard';
export { CostSummary, type CostSummaryProps } from './CostSummary';
export { HistoryChart, type HistoryChartProps } from './HistoryChart';
export { CostOverTimeChart, actualsToSeries, type CostOverTimeChartProps } from './CostOverTimeChart';
export { backstageThemeVars, type BackstageLikeTheme, type SyThemeVars } from './backstage-theme';
export { formatUsd, formatDuration, formatLagMs, formatPercent, formatAbsolute, formatClock, formatRelative } from './format';
export { Time, type TimeProps } from './Time';
export type { RunbookParam, RunbookForForm, RunPermissions, ClusterOption, ParamValues, CostSeries } from './api-types';
