export { parseRunbook, validateRunbook, type ParsedRunbook } from './parse-runbook';
export { validateParamValues, type ParamValue } from './param-values';
export { parseDuration } from './duration';
export { slugify } from './identifiers';
export { DISPLAY_LANGUAGES } from './fence-kind';
