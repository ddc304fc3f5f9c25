import { messagesOf } from './lintSnippet';

const rule = 'mesh/no-domain-names';

describe('mesh/no-domain-names', () => {
  it('allows a neutral domain, and words that merely contain a domain word', async () => {
    const code = [
      '/** Publishes a `BookBorrowed` in the order it was given. @example publish(BookBorrowed, data) */',
      "const border = 'reorder';",
      'const BookBorrowed = { name: `BookBorrowed`, source: "library.loans" };',
      'export { border, BookBorrowed };',
    ].join('\n');
    expect(await messagesOf(rule, 'packages/bus/src/a.ts', code)).toEqual([]);
  });

  it("fails the contracts' event and command names, in identifiers and strings, however cased", async () => {
    const code = [
      'const onOrderPlaced = 1;',
      "const type = 'ORDER_PLACED';",
      'const command = `reserve-stock`;',
      'export { onOrderPlaced, type, command };',
    ].join('\n');
    const messages = await messagesOf(rule, 'packages/offline/tests/unit/a.test.ts', code);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('the contract OrderPlaced'),
        expect.stringContaining("'onOrderPlaced'"),
        expect.stringContaining('the contract ReserveStock'),
      ]),
    );
    expect(messages).toHaveLength(4); // both onOrderPlaced identifiers, the string and the template literal
  });

  it('fails service names and their routes', async () => {
    const code = "const ordersTable = 't';\nconst route = '/payments/{id}';\nexport { ordersTable, route };\n";
    const messages = await messagesOf(rule, 'packages/ops/src/a.ts', code);
    expect(messages).toEqual([
      expect.stringContaining('the service orders'),
      expect.stringContaining('the service payments'),
      expect.stringContaining('the service orders'),
    ]);
  });

  it('fails SKUs and table key prefixes', async () => {
    const code = "const item = 'SKU-RED-MUG';\nconst pk = `ORDER#${item}`;\nexport { item, pk };\n";
    const messages = await messagesOf(rule, 'packages/testing/src/a.ts', code);
    expect(messages).toEqual([
      expect.stringContaining('a SKU'),
      expect.stringContaining('the table key prefix ORDER#'),
    ]);
  });

  it('counts comments: a doc example names a neutral domain', async () => {
    const code = '/**\n * Sends a command.\n * @example send(ReserveStock, data)\n */\nexport const send = 1;\n';
    const messages = await messagesOf(rule, 'packages/bus/src/a.ts', code);
    expect(messages).toEqual([expect.stringMatching(/^a comment names the contract ReserveStock/)]);
  });

  it('leaves the contracts package, services and e2e/ free to name the domain', async () => {
    const code = "export const OrderPlaced = { source: 'mesh.orders', sku: 'SKU-1', pk: 'ORDER#1' };\n";
    for (const file of ['packages/contracts/src/a.ts', 'services/orders/src/a.ts', 'e2e/src/soak/a.ts']) {
      expect(await messagesOf(rule, file, code)).toEqual([]);
    }
  });
});
