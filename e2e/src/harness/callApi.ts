/** An answer of the mesh's REST base URL: status, parsed JSON body and headers (none when no answer came). */
export interface ApiAnswer<T = Record<string, unknown>> {
  /** The HTTP status; 0 when the request got no answer (connection refused or reset, timeout). */
  status: number;
  body: T;
  headers?: Headers;
}

export interface CallApiOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (a malformed body, say). */
  rawBody?: string;
  correlationId?: string;
  idempotencyKey?: string;
  /** 30 s by default. */
  timeoutMs?: number;
}

/**
 * Calls `<httpUrl><path>` as a client of the mesh would and parses the JSON answer (`{ text }` when it is not
 * JSON). Never throws for the network: no answer is status 0, with the reason in `body.error`, so a caller
 * that retries while a service restarts can. serverless-offline answers a function that failed or timed out
 * with 200 and the error as the body, where API Gateway answers 502 (504 for a timeout): that is reported as
 * the failure it is, so no test can mistake it for a success.
 *
 * @example
 * const placed = await callApi(mesh.httpUrl, 'POST', '/orders/orders', { token, body: order });
 * expect(placed.status).toBe(201);
 */
export async function callApi<T = Record<string, unknown>>(
  httpUrl: string,
  method: string,
  path: string,
  options: CallApiOptions = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...(options.correlationId ? { 'x-correlation-id': options.correlationId } : {}),
    ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
  };
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${httpUrl}${path}`, {
      method,
      headers,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      ...(body === undefined ? {} : { body }),
    });
    text = await response.text();
  } catch (error) {
    return { status: 0, body: { error: error instanceof Error ? error.message : String(error) } as T };
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    parsed = { text };
  }
  if (response.status === 200 && typeof parsed.errorType === 'string' && typeof parsed.errorMessage === 'string') {
    return { status: /\[504\]/.test(parsed.errorMessage) ? 504 : 502, body: parsed as T, headers: response.headers };
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}
