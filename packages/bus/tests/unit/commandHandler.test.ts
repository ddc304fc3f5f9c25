import { ReleaseCopy, ReserveCopy } from '../helpers/fixtureContracts';
import { InMemoryPersistenceLayer, lambdaContext, makeCommand, sqsEvent, sqsRecord } from '../../src/testing';
import { commandHandler, handle } from '../../src';

const queue = 'catalog-commands.fifo';

describe('commandHandler', () => {
  it('hands each command to the handler of its name, with a trace it caused', async () => {
    const seen: string[] = [];
    const handler = commandHandler({
      name: 'catalog-commands',
      routes: [
        handle(ReserveCopy, async (cmd, ctx) => void seen.push(`reserve:${cmd.data.loanId}:${ctx.trace.causationId}`)),
        handle(ReleaseCopy, async (cmd) => void seen.push(`release:${cmd.data.loanId}`)),
      ],
    });
    const result = await handler(
      sqsEvent([
        sqsRecord(makeCommand(ReserveCopy, { commandId: 'c1', data: { loanId: 'o1' } }), { queue }),
        sqsRecord(makeCommand(ReleaseCopy, { data: { loanId: 'o1' } }), { queue }),
      ]),
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(seen).toEqual(['reserve:o1:c1', 'release:o1']);
  });

  it('stops a FIFO batch at the first failure so one order never sees release before reserve', async () => {
    const seen: string[] = [];
    const handler = commandHandler({
      name: 'catalog-commands',
      routes: [
        handle(ReserveCopy, async () => {
          throw new Error('table busy');
        }),
        handle(ReleaseCopy, async (cmd) => void seen.push(cmd.data.loanId)),
      ],
    });
    const result = await handler(
      sqsEvent([
        sqsRecord(makeCommand(ReserveCopy), { queue, messageId: 'reserve' }),
        sqsRecord(makeCommand(ReleaseCopy), { queue, messageId: 'release' }),
      ]),
    );
    expect(seen).toEqual([]);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['reserve', 'release']);
  });

  it('fails a command it has no handler for, or whose data is invalid', async () => {
    const handler = commandHandler({ name: 'c', routes: [handle(ReserveCopy, async () => {})] });
    const result = await handler(
      sqsEvent([
        sqsRecord(makeCommand(ReleaseCopy), { messageId: 'unknown' }),
        sqsRecord({ ...makeCommand(ReserveCopy), data: { loanId: 'o' } }, { messageId: 'invalid' }),
        sqsRecord('nope', { messageId: 'malformed' }),
      ]),
    );
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['unknown', 'invalid', 'malformed']);
  });

  it('has one effect per command id, beyond the FIFO dedup window', async () => {
    let effects = 0;
    const handler = commandHandler({
      name: 'c',
      routes: [handle(ReleaseCopy, async () => void effects++)],
      idempotency: { persistenceStore: new InMemoryPersistenceLayer() },
    });
    const body = makeCommand(ReleaseCopy, { commandId: 'same' });
    await handler(sqsEvent([sqsRecord(body, { queue })]), lambdaContext());
    await handler(sqsEvent([sqsRecord(body, { queue })]), lambdaContext());
    expect(effects).toBe(1);
  });
});
