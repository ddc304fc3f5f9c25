export { compilePattern } from './compilePattern';
export { validatePattern } from './validatePattern';
export { InvalidEventPatternError } from './errors';
export type { CompiledPattern } from './types';
