import { InMemoryBus } from '@mesh/testing';
import type { PaymentsDependencies } from '../../src/dependencies';
import { FakePaymentProvider } from '../../src/providers/FakePaymentProvider';
import { InMemoryPaymentStore, InMemoryReceiptStore } from './InMemoryPaymentStore';

/** The order-events observers' dependencies, all in memory, with a clock the test can move. */
export function fakeDependencies() {
  let clock = new Date('2026-11-25T10:00:00.000Z');
  let ids = 0;
  const deps = {
    payments: new InMemoryPaymentStore(),
    provider: new FakePaymentProvider(),
    receipts: new InMemoryReceiptStore(),
    events: new InMemoryBus(),
    now: () => clock,
    newId: () => `evt-${++ids}`,
  } satisfies PaymentsDependencies;
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  return { ...deps, deps, advance };
}
