import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { contracts } from '@mesh/contracts';
import { CATALOG_DIR, renderCatalogFiles } from '../../src';

const root = path.resolve(__dirname, '../../../..');
const files = renderCatalogFiles(root);

describe('the committed event catalog', () => {
  it('has a page for every contract and nothing else (npm run catalog)', () => {
    const names = [...new Set(contracts.map((c) => `${c.name}.html`))];
    expect(readdirSync(path.join(root, CATALOG_DIR)).sort()).toEqual(['index.html', ...names].sort());
  });

  it.each(Object.entries(files))('%s matches the contracts and declarations (npm run catalog)', (file, html) => {
    expect(readFileSync(path.join(root, file), 'utf8')).toBe(html);
  });
});
