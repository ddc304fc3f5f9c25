import { callApi, type ApiAnswer } from '../harness';
import type { Placement } from './checks';
import type { PlannedOrder } from './orderMix';

// A killed service is down while serverless-offline restarts it: 6–17 s on a quiet machine, 27 s seen with the
// CPU saturated. A careful client keeps retrying for longer than that (8 tries over 14 s gave up during one).
const RETRY_FOR_MS = 90_000;
const MAX_BACKOFF_MS = 4_000;
const retryable = (status: number) => status === 0 || status === 429 || status >= 500;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls until the answer is final: no answer, 429 or 5xx are retried with backoff (0.5 s more each time, 4 s at
 * most) for up to 90 s, as a careful client would. A retried POST may create an order twice if its first answer
 * was lost; the soak finds both by their correlation id.
 */
async function callFinal(
  call: () => Promise<ApiAnswer>,
  onRetry?: () => void,
): Promise<ApiAnswer & { attempts: number }> {
  const giveUpAt = Date.now() + RETRY_FOR_MS;
  for (let attempt = 1; ; attempt += 1) {
    const answer = await call();
    if (!retryable(answer.status) || Date.now() >= giveUpAt) return { ...answer, attempts: attempt };
    onRetry?.();
    await delay(Math.min(500 * attempt, MAX_BACKOFF_MS));
  }
}

export interface PlaceOrdersOptions {
  httpUrl: string;
  orders: readonly PlannedOrder[];
  tokenOf: (customerId: string) => string;
  /** Requests in flight at once. */
  concurrency: number;
  /** Placed but not yet ended orders at most; placing waits below it. */
  maxOpen: number;
  /** Orders placed and not ended, as the caller knows it. */
  openOrders: () => number;
  /** Told after each order is placed (its index), e.g. to arm a kill. */
  onPlaced?: (placed: number) => void;
  onRetry?: () => void;
}

/**
 * Places the planned orders through `POST /orders/orders`, `concurrency` at a time and never more than
 * `maxOpen` unfinished, and has each `cancel` order's customer cancel it after its delay. Resolves with one
 * {@link Placement} per order once every request (cancels included) has its final answer.
 */
export async function placeOrders(options: PlaceOrdersOptions): Promise<Placement[]> {
  const placements: Placement[] = new Array<Placement>(options.orders.length);
  const cancels: Promise<void>[] = [];
  let next = 0;
  let placed = 0;

  const placeOne = async (planned: PlannedOrder) => {
    const token = options.tokenOf(planned.customerId);
    const answer = await callFinal(
      () =>
        callApi(options.httpUrl, 'POST', '/orders/orders', {
          token,
          body: { items: planned.items },
          correlationId: planned.correlationId,
          // A retry after a lost answer (a timed-out function) finds the order its first try placed.
          idempotencyKey: planned.correlationId,
        }),
      options.onRetry,
    );
    const orderId = answer.status === 201 && typeof answer.body.orderId === 'string' ? answer.body.orderId : undefined;
    const placement: Placement = { status: answer.status, attempts: answer.attempts, ...(orderId ? { orderId } : {}) };
    placements[planned.index] = placement;
    if (orderId && planned.cancelAfterMs !== undefined) {
      cancels.push(
        delay(planned.cancelAfterMs).then(async () => {
          const cancel = await callFinal(
            () => callApi(options.httpUrl, 'POST', `/orders/orders/${orderId}/cancel`, { token }),
            options.onRetry,
          );
          placement.cancelStatus = cancel.status;
        }),
      );
    }
  };

  const worker1 = async () => {
    const planned = options.orders[next];
    if (!planned) return;
    next += 1;
    await placeOne(planned);
    placed += 1;
    options.onPlaced?.(placed);
  };
  const worker = async () => {
    for (;;) {
      const index = next;
      next += 1;
      const planned = options.orders[index];
      if (!planned) return;
      while (options.openOrders() >= options.maxOpen) await delay(50);
      await placeOne(planned);
      placed += 1;
      options.onPlaced?.(placed);
    }
  };
  // The first order alone: serverless-offline starts a worker per concurrent invocation, and cold starts
  // racing on a loaded machine run into the function's 30 s timeout.
  await worker1();
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  await Promise.all(cancels);
  return placements;
}
