import { messagesOf } from './lintSnippet';

const rule = 'mesh/layering';

describe('mesh/layering', () => {
  it('allows imports down the chain contracts ← bus ← infra ← offline ← ops', async () => {
    const code = "import '@mesh/contracts';\nimport '@mesh/bus';\nimport '@mesh/infra';\nimport '@mesh/offline';\n";
    expect(await messagesOf(rule, 'packages/ops/src/a.ts', code)).toEqual([]);
  });

  it('fails an import up the chain', async () => {
    const messages = await messagesOf(rule, 'packages/bus/src/a.ts', "import { startEdge } from '@mesh/offline';\n");
    expect(messages).toEqual([expect.stringContaining("bus code may not import '@mesh/offline'")]);
  });

  it('lets any workspace use the leaves cli and dynamo, and cli use nothing of ours', async () => {
    const leaves = "import '@mesh/cli';\nimport '@mesh/dynamo';\n";
    expect(await messagesOf(rule, 'packages/contracts/src/a.ts', leaves)).toEqual([]);
    expect(await messagesOf(rule, 'packages/cli/src/a.ts', "import '@mesh/contracts';\n")).toEqual([
      expect.stringContaining('allows none of ours'),
    ]);
  });

  it('lets testing use contracts, bus and infra but not offline', async () => {
    const code = "import '@mesh/contracts';\nimport '@mesh/bus';\nimport '@mesh/infra';\nimport '@mesh/offline';\n";
    expect(await messagesOf(rule, 'packages/testing/src/a.ts', code)).toEqual([
      expect.stringContaining("testing code may not import '@mesh/offline'"),
    ]);
  });

  it('keeps offline, ops and testing out of a service’s shipped code, but not out of its tests', async () => {
    const code = "import '@mesh/offline';\nimport '@mesh/testing';\nimport '@mesh/bus';\n";
    expect(await messagesOf(rule, 'services/orders/src/functions/a/handler.ts', code)).toHaveLength(2);
    expect(await messagesOf(rule, 'services/orders/serverless.ts', "import '@mesh/ops';\n")).toHaveLength(1);
    expect(await messagesOf(rule, 'services/orders/tests/service/a.test.ts', code)).toEqual([]);
  });

  it('fails a service importing another service', async () => {
    const messages = await messagesOf(rule, 'services/payments/src/a.ts', "import { x } from '@mesh/orders';\n");
    expect(messages).toEqual([expect.stringContaining("may not import '@mesh/orders'")]);
  });

  it('lets e2e/ import anything, services included', async () => {
    const code = "import '@mesh/ops';\nimport '@mesh/orders';\nimport '@mesh/testing';\n";
    expect(await messagesOf(rule, 'e2e/src/soak/a.ts', code)).toEqual([]);
  });
});
