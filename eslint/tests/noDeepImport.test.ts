import { messagesOf } from './lintSnippet';

const rule = 'mesh/no-deep-import';

describe('mesh/no-deep-import', () => {
  it("allows a package's name, and relative imports inside the same workspace", async () => {
    const code = "import { publish } from '@mesh/bus';\nimport { thing } from '../../src';\nexport { x } from './x';\n";
    expect(await messagesOf(rule, 'packages/offline/tests/unit/a.test.ts', code)).toEqual([]);
  });

  it("fails an import of a path inside another package's name", async () => {
    const messages = await messagesOf(rule, 'packages/ops/src/a.ts', "import { x } from '@mesh/offline/src/edge';\n");
    expect(messages).toEqual([expect.stringContaining("reaches into @mesh/offline's internals")]);
  });

  it("allows an entry point the package's exports declare, and only that", async () => {
    const declared = "import { toAsyncApi } from '@mesh/contracts/tools';\n";
    expect(await messagesOf(rule, 'packages/infra/src/a.ts', declared)).toEqual([]);
    const undeclared = "import { x } from '@mesh/contracts/src/tools';\n";
    expect(await messagesOf(rule, 'packages/infra/src/a.ts', undeclared)).toHaveLength(1);
  });

  it('fails relative paths that climb into another workspace, however they are written', async () => {
    const code = [
      "import { a } from '../../../offline/src/edge';",
      "export * from '../../../../packages/bus/src/subscriber';",
      "const b = require('../../../infra/src/names');",
      "jest.mock('../../../bus/src/logger');",
      'void a; void b;',
    ].join('\n');
    const messages = await messagesOf(rule, 'packages/ops/src/cli/a.ts', code);
    expect(messages).toEqual([
      expect.stringContaining("import '@mesh/offline' instead"),
      expect.stringContaining("import '@mesh/bus' instead"),
      expect.stringContaining("import '@mesh/infra' instead"),
      expect.stringContaining("import '@mesh/bus' instead"),
    ]);
  });

  it("fails a service reaching into another service's sources", async () => {
    const code = "import { orderKey } from '../../../orders/src/store/keys';\n";
    const messages = await messagesOf(rule, 'services/payments/src/a/b.ts', code);
    expect(messages).toEqual([expect.stringContaining("import '@mesh/orders' instead")]);
  });

  it("lets bench/ run a package's own micro-benchmarks, and nothing else of it", async () => {
    const allowed = "import { benchPublisher } from '../../packages/bus/bench/bus';\n";
    expect(await messagesOf(rule, 'bench/src/runBench.ts', allowed)).toEqual([]);
    const forbidden = "import { publish } from '../../packages/bus/src/publish';\n";
    expect(await messagesOf(rule, 'bench/src/runBench.ts', forbidden)).toHaveLength(1);
  });

  it('lets the root scripts wrap e2e/ and bench/, but not reach into a package', async () => {
    expect(await messagesOf(rule, 'scripts/soak.ts', "import { runSoakCli } from '../e2e/src/soak';\n")).toEqual([]);
    const deep = "import { startEdge } from '../packages/offline/src/edge';\n";
    expect(await messagesOf(rule, 'scripts/dev.ts', deep)).toHaveLength(1);
  });
});
