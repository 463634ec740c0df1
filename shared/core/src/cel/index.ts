export { evaluateCel, evaluateCondition, CelEvaluationError } from './evaluate';
export { CEL_LIMITS, CelLimitError, type CelLimits } from './budget';
export { celScopeFor, celScope, RUNBOOK_VARIABLES, type CelScope, type CelCheck, type CelCompileError } from './scope';
export { stepReferences, variableReferences, type StepReference } from './references';
export {
  findTemplates,
  findTemplateSpans,
  findUnclosedTemplate,
  renderTemplate,
  stringifyTemplateValue,
  type TemplateSpan,
} from './templates';
