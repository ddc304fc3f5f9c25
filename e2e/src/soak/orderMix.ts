import { seededRandom } from '@mesh/offline';

/**
 * What an order of the soak is meant to exercise, and so which ends it may reach:
 *
 * | kind      | what it orders                                            | allowed end                          |
 * | --------- | --------------------------------------------------------- | ------------------------------------ |
 * | `confirm` | 1–3 units of 1–2 plentiful SKUs                           | CONFIRMED                            |
 * | `contend` | 1–2 teapots, stocked for about half of those orders       | CONFIRMED or CANCELLED STOCK_REJECTED |
 * | `reject`  | more teapots than were ever stocked                       | CANCELLED STOCK_REJECTED             |
 * | `decline` | 87 coaster sets (434.13 EUR, ends in 13) or 401 red mugs (5,012.50 EUR, over the limit) | CANCELLED PAYMENT_DECLINED |
 * | `cancel`  | as `confirm`, then the customer cancels it                | CANCELLED CUSTOMER_REQUEST (cancel answered 200), or CONFIRMED (answered 409: too late) |
 */
export type OrderKind = 'confirm' | 'contend' | 'reject' | 'decline' | 'cancel';

export interface PlannedOrder {
  index: number;
  kind: OrderKind;
  customerId: string;
  items: { sku: string; quantity: number }[];
  /** For `cancel`: how long after the order is placed the customer cancels it. */
  cancelAfterMs?: number;
  /** Sent as `x-correlation-id`: finds the order in the table even if its 201 was lost. */
  correlationId: string;
}

export interface OrderPlan {
  orders: PlannedOrder[];
  /** On hand per SKU, set through `PUT /inventory/stock/{sku}` before the first order. */
  stock: Record<string, number>;
  customers: string[];
}

/** The soak's share of each kind; the rest of 1 is `confirm`. */
export const KIND_SHARES: Readonly<Record<Exclude<OrderKind, 'confirm'>, number>> = Object.freeze({
  contend: 0.15,
  reject: 0.05,
  decline: 0.1,
  cancel: 0.12,
});

const PLENTIFUL = ['SKU-RED-MUG', 'SKU-BLUE-MUG', 'SKU-TEA-GREEN', 'SKU-TEA-BLACK'];
const CONTENDED = 'SKU-TEAPOT';
const ORDERS_PER_CUSTOMER = 10;

/**
 * The soak's orders, the same for the same `count` and `seed`: the kinds in {@link KIND_SHARES} shuffled
 * through the run, and stock that covers every `confirm`, `decline` and `cancel` order at once (so only the
 * teapots run short). Prices are the server's (priceList.ts): none of the plentiful lines can end in 13 or
 * pass 5,000.00, so a `confirm` order is never declined.
 *
 * @example
 * const plan = planOrders(500, 'soak-1');
 * plan.orders.filter((o) => o.kind === 'decline').length; // 50
 */
export function planOrders(count: number, seed: string | number, runId: string): OrderPlan {
  const random = seededRandom(`${seed}:orders`);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const kinds: OrderKind[] = [];
  for (const [kind, share] of Object.entries(KIND_SHARES) as [OrderKind, number][]) {
    for (let i = 0; i < Math.round(count * share); i += 1) kinds.push(kind);
  }
  while (kinds.length < count) kinds.push('confirm');
  kinds.length = count;
  for (let i = kinds.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }

  const customers = Array.from(
    { length: Math.max(1, Math.ceil(count / ORDERS_PER_CUSTOMER)) },
    (_, i) => `cus-soak-${runId}-${i + 1}`,
  );
  const demand: Record<string, number> = {};
  const need = (sku: string, quantity: number) => (demand[sku] = (demand[sku] ?? 0) + quantity);
  let contended = 0;

  const orders = kinds.map((kind, index): PlannedOrder => {
    let items: { sku: string; quantity: number }[];
    switch (kind) {
      case 'confirm':
      case 'cancel': {
        const first = pick(PLENTIFUL);
        const second = pick(PLENTIFUL.filter((sku) => sku !== first));
        items = [{ sku: first, quantity: 1 + Math.floor(random() * 3) }];
        if (random() < 0.4) items.push({ sku: second, quantity: 1 + Math.floor(random() * 3) });
        for (const item of items) need(item.sku, item.quantity);
        break;
      }
      case 'contend':
        items = [{ sku: CONTENDED, quantity: 1 + Math.floor(random() * 2) }];
        contended += items[0]!.quantity;
        break;
      case 'reject':
        items = [{ sku: CONTENDED, quantity: 10_000 }];
        break;
      case 'decline':
        items = random() < 0.5 ? [{ sku: 'SKU-COASTER-SET', quantity: 87 }] : [{ sku: 'SKU-RED-MUG', quantity: 401 }];
        need(items[0]!.sku, items[0]!.quantity);
        break;
    }
    return {
      index,
      kind,
      customerId: customers[index % customers.length]!,
      items,
      ...(kind === 'cancel' ? { cancelAfterMs: Math.floor(random() * 1500) } : {}),
      correlationId: `soak-${runId}-${index + 1}`,
    };
  });

  const stock: Record<string, number> = { [CONTENDED]: Math.floor(contended / 2) };
  for (const sku of [...PLENTIFUL, 'SKU-COASTER-SET']) stock[sku] = demand[sku] ?? 0;
  return { orders, stock, customers };
}

/** The ends an order of `kind` may reach (status, or status + reason), given how its cancel was answered. */
export function allowedEnds(kind: OrderKind, cancelStatus?: number): string[] {
  switch (kind) {
    case 'confirm':
      return ['CONFIRMED'];
    case 'contend':
      return ['CONFIRMED', 'CANCELLED STOCK_REJECTED'];
    case 'reject':
      return ['CANCELLED STOCK_REJECTED'];
    case 'decline':
      return ['CANCELLED PAYMENT_DECLINED'];
    case 'cancel':
      if (cancelStatus === 200) return ['CANCELLED CUSTOMER_REQUEST'];
      if (cancelStatus === 409) return ['CONFIRMED'];
      return ['CONFIRMED', 'CANCELLED CUSTOMER_REQUEST'];
  }
}
