import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { commands, events } from '@mesh/contracts';
import { collectDeclarations } from './collectDeclarations';
import { serviceFacts, withServiceFacts, type ServiceConfig } from './serviceFacts';

/**
 * Every service's README (path relative to the repo root → content) with its facts rendered from its
 * `serverless.ts`, the declarations and the contracts. A service without functions (the bus) has none.
 * Needs a TypeScript-aware `require` (tsx, jest).
 *
 * @example
 * for (const [file, text] of Object.entries(renderServiceReadmes(root))) writeFileSync(path.join(root, file), text);
 */
export function renderServiceReadmes(repoRoot: string): Record<string, string> {
  const servicesDir = path.join(repoRoot, 'services');
  const declarations = collectDeclarations(servicesDir);
  const files: Record<string, string> = {};
  for (const dir of readdirSync(servicesDir).sort()) {
    const serverless = path.join(servicesDir, dir, 'serverless.ts');
    if (!existsSync(serverless)) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(serverless) as ServiceConfig & { service: string };
    if (Object.keys(config.functions ?? {}).length === 0) continue;
    const file = path.join('services', dir, 'README.md');
    const readme = existsSync(path.join(repoRoot, file))
      ? readFileSync(path.join(repoRoot, file), 'utf8')
      : `# ${config.service}\n`;
    const facts = serviceFacts({ service: config.service, config, declarations, events, commands });
    files[file] = withServiceFacts(readme, facts);
  }
  return files;
}
