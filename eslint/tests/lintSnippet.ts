import path from 'node:path';
import { ESLint } from 'eslint';

export const ROOT = path.resolve(__dirname, '../..');

let eslint: ESLint | undefined;

/**
 * Lints `code` as if it were the file `file` (relative to the repo root) with the repo's own eslint.config.js,
 * and returns the messages of one rule: the snippets need not exist on disk.
 *
 * @example
 * expect(await messagesOf('mesh/layering', 'packages/bus/src/x.ts', "import '@mesh/offline';")).toHaveLength(1);
 */
export async function messagesOf(rule: string, file: string, code: string): Promise<string[]> {
  // The config is passed in rather than found: ESLint loads config files with a dynamic import(), which jest's
  // CommonJS sandbox refuses.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  eslint ??= new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: require('../../eslint.config.js') });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  if (!result) throw new Error(`ESLint returned no result for ${file}`);
  const fatal = result.messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${file} did not parse: ${fatal.message}`);
  return result.messages.filter((message) => message.ruleId === rule).map((message) => message.message);
}
