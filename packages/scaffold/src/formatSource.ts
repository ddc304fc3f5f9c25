import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as babel from 'prettier/plugins/babel';
import * as estree from 'prettier/plugins/estree';
import * as markdown from 'prettier/plugins/markdown';
import * as typescript from 'prettier/plugins/typescript';
import * as yaml from 'prettier/plugins/yaml';
import type { Options } from 'prettier';
import { format } from 'prettier/standalone';

// Prettier's standalone build with its plugins loaded statically: the main entry loads plugins by dynamic
// import, which a CommonJS host without ESM support (Jest's module runtime) cannot do.
const PLUGINS = [babel, estree, markdown, typescript, yaml];
const PARSERS: Record<string, string> = {
  '.ts': 'typescript',
  '.json': 'json',
  '.md': 'markdown',
  '.yml': 'yaml',
  '.yaml': 'yaml',
};

/** The repository's Prettier options: its `.prettierrc.json`, as `npm run format` reads it. */
export function prettierOptions(root: string): Options {
  const file = path.join(root, '.prettierrc.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Options) : {};
}

/**
 * Formats `text` as Prettier formats the file `file` (its parser chosen by extension) with `options`;
 * other files are returned as they are.
 *
 * @example
 * await formatSource('src/a.ts', "const a = { b:1 }", { singleQuote: true }); // → 'const a = { b: 1 };\n'
 */
export async function formatSource(file: string, text: string, options: Options): Promise<string> {
  const parser = PARSERS[path.extname(file)];
  if (!parser) return text;
  return format(text, { ...options, parser, plugins: PLUGINS, filepath: file });
}
