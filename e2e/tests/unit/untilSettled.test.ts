import type { Hop } from '@mesh/offline';
import { pendingOf } from '../../src/harness/untilSettled';

const CONSUMERS = ['orders-shared-order-saga', 'inventory-shared-commands.fifo'];
let seq = 0;
const hop = (kind: Hop['kind'], fields: Partial<Hop> = {}): Hop => ({
  seq: (seq += 1),
  at: seq,
  kind,
  name: 'OrderPlaced',
  awsEventId: 'aws-1',
  correlationId: 'cor-1',
  ...fields,
});
const rule = 'orders-shared-OrderSagaRule';
const queue = 'orders-shared-order-saga';

describe('pendingOf', () => {
  it('finds nothing pending once every matched event was delivered and every delivery handled', () => {
    expect(
      pendingOf(
        [
          hop('published'),
          hop('matched', { rule }),
          hop('delivered', { rule, queue }),
          hop('received', { queue, messageId: 'm-1' }),
          hop('handled', { queue, messageId: 'm-1' }),
        ],
        CONSUMERS,
      ),
    ).toEqual([]);
  });

  it('names an event a rule matched but the bus has not delivered yet', () => {
    expect(pendingOf([hop('published'), hop('matched', { rule })], CONSUMERS)).toEqual([
      `OrderPlaced aws-1 matched ${rule}, not delivered yet`,
    ]);
  });

  it('names a delivery to a consumer queue not handled yet, and ignores one to a queue nothing consumes', () => {
    const tapRule = 'saga-tap-0';
    expect(
      pendingOf(
        [
          hop('matched', { rule }),
          hop('delivered', { rule, queue }),
          hop('matched', { rule: tapRule }),
          hop('delivered', { rule: tapRule, queue: 'saga-tap' }),
        ],
        CONSUMERS,
      ),
    ).toEqual([`OrderPlaced aws-1 delivered to ${queue}, not handled yet`]);
  });

  it('keeps a message pending while its last receive failed: it comes back to its queue', () => {
    const failed = [
      hop('matched', { rule }),
      hop('delivered', { rule, queue }),
      hop('received', { queue, messageId: 'm-1' }),
      hop('failed', { queue, messageId: 'm-1' }),
    ];
    expect(pendingOf(failed, CONSUMERS)).toEqual([
      `OrderPlaced aws-1 delivered to ${queue}, not handled yet`,
      `OrderPlaced message m-1 failed in ${queue}`,
    ]);
    const handledOnRetry = [
      ...failed,
      hop('received', { queue, messageId: 'm-1' }),
      hop('handled', { queue, messageId: 'm-1' }),
    ];
    expect(pendingOf(handledOnRetry, CONSUMERS)).toEqual([]);
  });

  it('counts a command received but not handled yet', () => {
    const command = { name: 'ReserveStock', queue: 'inventory-shared-commands.fifo', messageId: 'm-2' };
    expect(pendingOf([hop('sent', command), hop('received', command)], CONSUMERS)).toEqual([
      'ReserveStock message m-2 received in inventory-shared-commands.fifo',
    ]);
  });
});
