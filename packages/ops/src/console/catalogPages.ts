import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CATALOG_DIR, renderCatalogFiles } from '@mesh/infra';

// A page name as the catalog writes them: no path, so no request can reach any other file.
const PAGE = /^[A-Za-z0-9]+\.html$/;

/**
 * The event catalog's pages by file name (`index.html`, `BookLent.html`), rendered from the contracts and
 * declarations at the first request, or read from the committed docs/catalog/ where those are missing.
 *
 * @example
 * const pages = catalogPages(repoRoot);
 * const html = (await pages())['BookLent.html'];
 */
export function catalogPages(repoRoot: string): () => Promise<Record<string, string>> {
  let pages: Promise<Record<string, string>> | undefined;
  const load = async (): Promise<Record<string, string>> => {
    try {
      const files = renderCatalogFiles(repoRoot);
      return Object.fromEntries(Object.entries(files).map(([file, html]) => [path.basename(file), html]));
    } catch {
      const dir = path.join(repoRoot, CATALOG_DIR);
      const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => PAGE.test(n));
      return Object.fromEntries(
        await Promise.all(names.map(async (n) => [n, await readFile(path.join(dir, n), 'utf8')])),
      );
    }
  };
  return () => (pages ??= load());
}

/** The page a catalog path asks for (`/catalog/` → index.html), or undefined when it is no page name. */
export function catalogPageOf(pathname: string): string | undefined {
  const name = pathname.slice('/catalog/'.length) || 'index.html';
  return PAGE.test(name) ? name : undefined;
}
