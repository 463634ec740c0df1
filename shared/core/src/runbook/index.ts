export { parseRunbook, validateRunbook, type ParsedRunbook, type ParseOptions } from './parse-runbook';
export { RUNBOOK_LIMITS, sizeProblem, type RunbookLimits } from './limits';
export { validateParamValues, type ParamValue } from './param-values';
export { parseDuration } from './duration';
export { slugify } from './identifiers';
export { DISPLAY_LANGUAGES } from './fence-kind';
export { suggestedByHint } from './closest-match';
export { paramFacts, connectionsRequiredBy, sqlWritesRequiredBy, unguardedSqlWrites, type ParamFacts } from './param-facts';
