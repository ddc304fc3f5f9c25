import path from 'node:path';
import { commands, contracts, events } from '@mesh/contracts';
import { renderCatalog } from '@mesh/contracts/tools';
import { collectDeclarations } from './collectDeclarations';
import { contractUsages } from './contractUsages';

/** Where the committed event catalog lives, relative to the repo root. */
export const CATALOG_DIR = path.join('docs', 'catalog');

/**
 * The committed event catalog files (path relative to the repo root → HTML), from the contracts and every
 * service's declarations; queue names keep `{stage}`.
 *
 * @example
 * for (const [file, html] of Object.entries(renderCatalogFiles(root))) writeFileSync(path.join(root, file), html);
 */
export function renderCatalogFiles(repoRoot: string): Record<string, string> {
  const usages = contractUsages(events, commands, collectDeclarations(path.join(repoRoot, 'services')), '{stage}');
  const files = renderCatalog({ title: 'Event catalog', contracts, usages });
  return Object.fromEntries(Object.entries(files).map(([file, html]) => [path.join(CATALOG_DIR, file), html]));
}
