import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isDeclaration } from './declare';
import type { Declaration } from './types';

/** Where each service lists its declarations: `services/<name>/src/declarations.ts`. */
export const DECLARATIONS_MODULE = path.join('src', 'declarations.ts');

/**
 * Loads every service's declarations (subscriptions, command channels, command sending) from
 * `services/<name>/src/declarations.ts`, in service order. Needs a TypeScript-aware `require` (tsx, jest).
 *
 * @example
 * const declarations = collectDeclarations(path.resolve(__dirname, '../services'));
 */
export function collectDeclarations(servicesDir: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const service of readdirSync(servicesDir).sort()) {
    const file = path.join(servicesDir, service, DECLARATIONS_MODULE);
    if (!existsSync(file)) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as Record<string, unknown>;
    declarations.push(...Object.values(exported).filter(isDeclaration));
  }
  return declarations;
}
