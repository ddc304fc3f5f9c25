import { ReleaseStock, ReserveStock } from '@mesh/contracts';
import { InMemoryPersistenceLayer, lambdaContext, makeCommand, sqsEvent, sqsRecord } from '@mesh/testing';
import { commandHandler, handle } from '../../src';

const queue = 'inventory-commands.fifo';

describe('commandHandler', () => {
  it('hands each command to the handler of its name, with a trace it caused', async () => {
    const seen: string[] = [];
    const handler = commandHandler({
      name: 'inventory-commands',
      routes: [
        handle(
          ReserveStock,
          async (cmd, ctx) => void seen.push(`reserve:${cmd.data.orderId}:${ctx.trace.causationId}`),
        ),
        handle(ReleaseStock, async (cmd) => void seen.push(`release:${cmd.data.orderId}`)),
      ],
    });
    const result = await handler(
      sqsEvent([
        sqsRecord(makeCommand(ReserveStock, { commandId: 'c1', data: { orderId: 'o1' } }), { queue }),
        sqsRecord(makeCommand(ReleaseStock, { data: { orderId: 'o1' } }), { queue }),
      ]),
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(seen).toEqual(['reserve:o1:c1', 'release:o1']);
  });

  it('stops a FIFO batch at the first failure so one order never sees release before reserve', async () => {
    const seen: string[] = [];
    const handler = commandHandler({
      name: 'inventory-commands',
      routes: [
        handle(ReserveStock, async () => {
          throw new Error('table busy');
        }),
        handle(ReleaseStock, async (cmd) => void seen.push(cmd.data.orderId)),
      ],
    });
    const result = await handler(
      sqsEvent([
        sqsRecord(makeCommand(ReserveStock), { queue, messageId: 'reserve' }),
        sqsRecord(makeCommand(ReleaseStock), { queue, messageId: 'release' }),
      ]),
    );
    expect(seen).toEqual([]);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['reserve', 'release']);
  });

  it('fails a command it has no handler for, or whose data is invalid', async () => {
    const handler = commandHandler({ name: 'c', routes: [handle(ReserveStock, async () => {})] });
    const result = await handler(
      sqsEvent([
        sqsRecord(makeCommand(ReleaseStock), { messageId: 'unknown' }),
        sqsRecord({ ...makeCommand(ReserveStock), data: { orderId: 'o' } }, { messageId: 'invalid' }),
        sqsRecord('nope', { messageId: 'malformed' }),
      ]),
    );
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['unknown', 'invalid', 'malformed']);
  });

  it('has one effect per command id, beyond the FIFO dedup window', async () => {
    let effects = 0;
    const handler = commandHandler({
      name: 'c',
      routes: [handle(ReleaseStock, async () => void effects++)],
      idempotency: { persistenceStore: new InMemoryPersistenceLayer() },
    });
    const body = makeCommand(ReleaseStock, { commandId: 'same' });
    await handler(sqsEvent([sqsRecord(body, { queue })]), lambdaContext());
    await handler(sqsEvent([sqsRecord(body, { queue })]), lambdaContext());
    expect(effects).toBe(1);
  });
});
