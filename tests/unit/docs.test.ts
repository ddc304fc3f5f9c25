import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The README is the front door (issue 14): short, with nothing that goes stale on every run, and every
 * relative link in it and in docs/ leads somewhere on a fresh clone.
 */
const ROOT = path.resolve(__dirname, '../..');
const README = path.join(ROOT, 'README.md');
const README_MAX_BYTES = 12 * 1024;

/** Every Markdown file under docs/, recursively. */
function markdownUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) return markdownUnder(file);
    return entry.endsWith('.md') ? [file] : [];
  });
}

/** The text outside fenced code blocks and inline code, where a Markdown link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The targets of `[text](target)` and `![alt](target)` links, without a title. */
function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

describe('the README', () => {
  const readme = readFileSync(README, 'utf8');

  it(`stays at most ${README_MAX_BYTES} bytes`, () => {
    expect(Buffer.byteLength(readme, 'utf8')).toBeLessThanOrEqual(README_MAX_BYTES);
  });

  it('holds no dates or commit hashes, which belong with the figures in docs/', () => {
    expect(readme.match(/\b20\d\d-[01]\d-[0-3]\d\b/g) ?? []).toEqual([]);
    const hashes = (readme.match(/\b[0-9a-f]{7,40}\b/g) ?? []).filter((word) => /\d/.test(word) && /[a-f]/.test(word));
    expect(hashes).toEqual([]);
  });

  it('leads to every page of docs/, directly or through another page', () => {
    // Breadth-first over the Markdown links from the README: a page nothing links to is a page lost.
    const reached = new Set<string>([README]);
    const queue = [README];
    while (queue.length > 0) {
      const file = queue.shift()!;
      for (const target of linkTargets(readFileSync(file, 'utf8'))) {
        if (isExternal(target) || target.startsWith('#')) continue;
        const page = path.resolve(path.dirname(file), decodeURI(target.split('#')[0]!));
        if (page.endsWith('.md') && existsSync(page) && !reached.has(page)) {
          reached.add(page);
          queue.push(page);
        }
      }
    }
    const pages = markdownUnder(path.join(ROOT, 'docs'));
    expect(pages.filter((page) => !reached.has(page)).map((page) => path.relative(ROOT, page))).toEqual([]);
  });
});

describe('relative links in the README and docs/', () => {
  const files = [README, ...markdownUnder(path.join(ROOT, 'docs'))];

  it.each(files.map((file) => [path.relative(ROOT, file), file]))('%s: every one resolves', (_name, file) => {
    const broken = linkTargets(readFileSync(file, 'utf8'))
      .filter((target) => !isExternal(target) && !target.startsWith('#'))
      .map((target) => decodeURI(target.split('#')[0]!))
      .filter((target) => {
        const resolved = path.resolve(path.dirname(file), target);
        // A link out of the repository would not resolve on a fresh clone.
        return !resolved.startsWith(ROOT + path.sep) || !existsSync(resolved);
      });
    expect(broken).toEqual([]);
  });

  it('finds the links it checks (the parser is not blind)', () => {
    expect(linkTargets('a [x](docs/a.md) `[y](no.md)` ![i](b.svg "t") [w](https://e.com)')).toEqual([
      'docs/a.md',
      'b.svg',
      'https://e.com',
    ]);
  });
});
