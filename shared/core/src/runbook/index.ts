export { parseRunbook, validateRunbook, type ParsedRunbook } from './parse-runbook';
export { validateParamValues, type ParamValue } from './param-values';
export { parseDuration } from './duration';
export { slugify } from './identifiers';
export { BLOCK_SPECS } from './blocks/registry';
export type { BlockSpec, BlockParseContext, FenceSource } from './blocks/block-spec';
export { DISPLAY_LANGUAGES } from './fence-kind';
