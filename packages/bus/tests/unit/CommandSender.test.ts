import { ContractViolationError } from '@mesh/contracts';
import { ReleaseCopy, ReserveCopy } from '../helpers/fixtureContracts';
import { command, CommandSender, CommandSendError } from '../../src';
import { fakeSqs } from '../helpers/fakeClients';

const trace = { correlationId: 'cor-1', causationId: 'evt-1' };
const queueUrl = 'http://127.0.0.1:4566/000000000000/catalog-commands.fifo';
const reserve = (loanId: string) => command(ReserveCopy, { ...ReserveCopy.example, loanId }, trace);
const sender = (client: ReturnType<typeof fakeSqs>['client']) =>
  new CommandSender({ client, sleep: async () => {}, random: () => 0 });

describe('CommandSender', () => {
  it('groups by aggregate and deduplicates by command id', async () => {
    const { client, calls } = fakeSqs();
    const [result] = await sender(client).send(queueUrl, [
      command(ReleaseCopy, { loanId: 'loan-5', reason: 'LOAN_CANCELLED' }, trace, { commandId: 'cmd-1' }),
    ]);
    const entry = calls[0]!.entries[0]!;
    expect(calls[0]!.queueUrl).toBe(queueUrl);
    expect(entry).toMatchObject({ MessageGroupId: 'loan-5', MessageDeduplicationId: 'cmd-1' });
    expect(JSON.parse(entry.MessageBody!)).toMatchObject({
      commandId: 'cmd-1',
      name: 'ReleaseCopy',
      version: 1,
      correlationId: 'cor-1',
      causationId: 'evt-1',
      data: { loanId: 'loan-5', reason: 'LOAN_CANCELLED' },
    });
    expect(result).toMatchObject({ status: 'sent', commandId: 'cmd-1', attempts: 1 });
  });

  it('sends 12 commands in two SendMessageBatch calls, in order', async () => {
    const { client, calls } = fakeSqs();
    const ids = Array.from({ length: 12 }, (_, i) => `loan-${i}`);
    await sender(client).send(queueUrl, ids.map(reserve));
    expect(calls.map((c) => c.entries.length)).toEqual([10, 2]);
    expect(calls.flatMap((c) => c.entries.map((e) => e.MessageGroupId))).toEqual(ids);
  });

  it('retries entries SQS failed on its side, keeping their command id', async () => {
    const { client, calls } = fakeSqs((entry, call) =>
      call === 1 && entry.MessageGroupId === 'loan-1' ? { code: 'InternalError', senderFault: false } : undefined,
    );
    const results = await sender(client).send(queueUrl, ['loan-0', 'loan-1'].map(reserve));
    expect(calls.map((c) => c.entries.map((e) => e.MessageGroupId))).toEqual([['loan-0', 'loan-1'], ['loan-1']]);
    expect(calls[1]!.entries[0]!.MessageDeduplicationId).toBe(calls[0]!.entries[1]!.MessageDeduplicationId);
    expect(results.map((r) => r.attempts)).toEqual([1, 2]);
  });

  it("reports entries refused as the sender's fault without retrying them", async () => {
    const { client, calls } = fakeSqs((entry) =>
      entry.MessageGroupId === 'loan-1' ? { code: 'InvalidParameterValue', senderFault: true } : undefined,
    );
    const error = (await sender(client)
      .send(queueUrl, ['loan-0', 'loan-1'].map(reserve))
      .catch((e: unknown) => e)) as CommandSendError;
    expect(error).toBeInstanceOf(CommandSendError);
    expect(error.results.map((r) => r.status)).toEqual(['sent', 'failed']);
    expect(calls).toHaveLength(1);
  });

  it('refuses a command that violates its contract, sending nothing', async () => {
    const { client, calls } = fakeSqs();
    await expect(
      sender(client).send(queueUrl, [reserve('loan-1'), command(ReserveCopy, { loanId: 'loan-2', books: [] }, trace)]),
    ).rejects.toThrow(ContractViolationError);
    expect(calls).toHaveLength(0);
  });
});
