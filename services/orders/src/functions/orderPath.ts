import * as z from 'zod/mini';
import { Id } from '@mesh/contracts';

/** The path of `/orders/{id}` routes. */
export const OrderPath = z.object({ id: Id });
