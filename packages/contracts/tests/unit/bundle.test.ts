import path from 'node:path';
import { build } from 'esbuild';

/**
 * A Lambda that validates against the contracts, bundled as serverless-esbuild bundles our functions
 * (minified, tree-shaken, `sideEffects: false` honoured): which modules reach its output, and its exports.
 */
async function bundle(source: string): Promise<{ modules: string[]; exports: Record<string, () => unknown> }> {
  const result = await build({
    stdin: { contents: source, resolveDir: path.join(__dirname, '../..'), loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const modules = Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input]) => input);
  const module = { exports: {} as Record<string, () => unknown> };
  new Function('module', 'exports', 'require', result.outputFiles[0]!.text)(module, module.exports, require);
  return { modules, exports: module.exports };
}

describe('a Lambda bundle of the contracts', () => {
  let lambda: Awaited<ReturnType<typeof bundle>>;
  beforeAll(async () => {
    lambda = await bundle(`
      import { OrderPlaced, parseCommand, parseData, parseEventDetail, ReserveStock } from './src';
      const reasonOf = (parse: () => unknown) => {
        try {
          parse();
        } catch (error) {
          return (error as Error).message;
        }
      };
      export const dataReason = () => reasonOf(() => parseData(OrderPlaced, { ...OrderPlaced.example, customerId: 'c'.repeat(129) }));
      export const detailReason = () => reasonOf(() => parseEventDetail(OrderPlaced, { eventId: 'e' }));
      export const commandReason = () => reasonOf(() => parseCommand(ReserveStock, {}));
    `);
  });

  it('holds zod/mini only: not the full zod, nor JSON Schema conversion, nor other locales', () => {
    expect(lambda.modules.filter((m) => m.includes('node_modules/zod/'))).not.toHaveLength(0);
    expect(lambda.modules).not.toContainEqual(expect.stringMatching(/zod\/v4\/classic\//));
    expect(lambda.modules).not.toContainEqual(expect.stringMatching(/json-schema|jsonSchema\.ts$/));
    expect(lambda.modules).not.toContainEqual(expect.stringMatching(/zod\/v4\/locales\/(?!en\.js$)/));
  });

  it('keeps the English messages the 4xx answers and failure reasons quote', () => {
    expect(lambda.exports.dataReason!()).toBe(
      'OrderPlaced violates its contract: customerId: Too big: expected string to have <=128 characters',
    );
    expect(lambda.exports.detailReason!()).toMatch(
      /^OrderPlaced violates its contract: occurredAt: Invalid input: expected string, received undefined; version: Invalid input: expected 1; /,
    );
    expect(lambda.exports.commandReason!()).toMatch(
      /^ReserveStock violates its contract: commandId: Invalid input: expected string, received undefined; /,
    );
  });
});
