import * as z from 'zod/mini';
import { fieldErrors } from '@mesh/bus';
import { Sku } from '@mesh/contracts';
import { InvalidRequestError } from '../errors';
import type { HttpEvent } from './httpHandler';

export const StockBody = z.object({
  onHand: z.number().check(z.int(), z.nonnegative(), z.maximum(1_000_000_000)),
});

/** The `{sku}` path parameter, checked against the contracts' SKU format. */
export function skuOf(event: HttpEvent): string {
  const parsed = Sku.safeParse(event.pathParameters?.sku ?? '');
  if (!parsed.success) {
    throw new InvalidRequestError(
      fieldErrors(
        'path',
        parsed.error.issues.map((i) => ({ ...i, path: ['sku'] })),
      ),
    );
  }
  return parsed.data;
}

/** The body of `PUT /stock/{sku}`: JSON `{ "onHand": <int >= 0> }`. */
export function stockBodyOf(event: HttpEvent): z.infer<typeof StockBody> {
  let body: unknown;
  try {
    const text = event.body ?? '';
    body = JSON.parse(event.isBase64Encoded ? Buffer.from(text, 'base64').toString('utf8') : text);
  } catch {
    throw new InvalidRequestError([{ pointer: '/body', detail: 'must be a JSON object' }]);
  }
  const parsed = StockBody.safeParse(body);
  if (!parsed.success) throw new InvalidRequestError(fieldErrors('body', parsed.error.issues));
  return parsed.data;
}
