import { BookLent, ReserveCopy } from '../helpers/fixtureContracts';
import { commandChannel, deadLetterEnvironment, ownDeadLetter, subscription } from '../../src';

describe('deadLetterEnvironment and ownDeadLetter', () => {
  it("give a subscriber its own DLQ's URL and its queue's maxReceiveCount, from the one declaration", () => {
    const sub = subscription('billing', 'order-events', [BookLent], { maxReceiveCount: 7 });
    expect(deadLetterEnvironment(sub)).toEqual({
      MESH_DLQ_URL: { Ref: 'OrderEventsDlq' },
      MESH_MAX_RECEIVE_COUNT: '7',
    });
    expect(ownDeadLetter(sub)).toEqual({
      sid: 'OrderEventsSendsToOwnDlq',
      actions: ['sqs:SendMessage'],
      resources: [{ 'Fn::GetAtt': ['OrderEventsDlq', 'Arn'] }],
    });
  });

  it('give a command consumer its FIFO DLQ, the logical id commandChannelResources declares', () => {
    const channel = commandChannel('catalog', 'commands', [ReserveCopy]);
    expect(deadLetterEnvironment(channel)).toEqual({
      MESH_DLQ_URL: { Ref: 'CommandsDlq' },
      MESH_MAX_RECEIVE_COUNT: '5',
    });
    expect(ownDeadLetter(channel).resources).toEqual([{ 'Fn::GetAtt': ['CommandsDlq', 'Arn'] }]);
  });
});
