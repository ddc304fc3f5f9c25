import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import { INVALID_REQUEST } from '@mesh/bus';
import { validId } from '@mesh/contracts/arbitraries';
import { lazyArbitrary } from './lazyArbitrary';
import { problemOf } from './problemOf';
import { parseCommand, parseEventDetail, type CommandContract, type DataOf, type EventContract } from '@mesh/contracts';

/**
 * Fuzzing helpers for the services' handlers (fast-check): how many cases to run, arbitraries for HTTP API
 * requests and SQS message bodies, and the checks every answer must pass.
 */

/**
 * How many cases each property runs: `FUZZ_RUNS` when set (e.g. 10000 for a long run), else `ci` (1,000).
 *
 * @example
 * await fc.assert(property, { numRuns: fuzzRuns() });
 */
export function fuzzRuns(ci = 1_000): number {
  const runs = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(runs) && runs > 0 ? runs : ci;
}

/**
 * A jest timeout for a fuzzing test: room for {@link fuzzRuns} cases at `msPerCase` each (the cases of the
 * service tests do real I/O on DynamoDB Local), never below jest's default for this repo (120 s).
 *
 * @example
 * it('never answers 5xx', async () => { await fc.assert(property, { numRuns: fuzzRuns() }); }, fuzzTimeout());
 */
export function fuzzTimeout(msPerCase = 250): number {
  return Math.max(120_000, fuzzRuns() * msPerCase);
}

/**
 * Strings of any UTF-16 code units (lone surrogates too), up to `maxLength`, built on first use: fast-check maps
 * every code point (1.1 million) when it makes the first such arbitrary, 1.6 s of CPU that every test file
 * importing this package (a module registry of its own each) paid at import, though only the fuzz tests use it.
 */
const binaryString = (maxLength: number): fc.Arbitrary<string> =>
  lazyArbitrary(() => fc.string({ unit: 'binary', maxLength }));

/** Strings that are often not ids: empty, too long, spaces, slashes, unicode, injection-looking text. */
export const garbageString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  binaryString(40),
  fc.constantFrom('', ' ', '../etc/passwd', 'ROW#x', "' OR 1=1 --", '{}', 'null', '%00', '\u0000', 'a'.repeat(200)),
  fc.string({ minLength: 129, maxLength: 300 }),
);

/** Any JSON value, nested a little: what a garbage body or claim holds. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/** A request body as text: garbage, JSON of any shape, or `undefined` (no body). */
export const garbageBodyText: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  binaryString(60),
  anyJson.map((value) => JSON.stringify(value)),
  fc.constantFrom('', '{', '{"a":', 'null', '[]', '"text"', '1e999', '{"__proto__":{"admin":true}}'),
);

/**
 * The verified claims API Gateway's JWT authorizer would hand over (`undefined`: no authorizer context
 * at all), mixing valid ones (a contracts id as subject, maybe the admin scope) with garbage.
 */
export function claimsArbitrary(
  subject: fc.Arbitrary<string> = validId('cus-'),
): fc.Arbitrary<Record<string, unknown> | undefined> {
  const scope = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('admin', 'reports:read', 'admin reports:read', '[admin]', ''),
    fc.array(fc.constantFrom('admin', 'other'), { maxLength: 2 }),
    anyJson,
  );
  return fc.oneof(
    fc.constant(undefined),
    fc.constant({}),
    fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 4 }),
    fc.record({ sub: fc.oneof(garbageString, anyJson), scope }, { requiredKeys: ['sub'] }),
    fc.record({ sub: subject, scope }, { requiredKeys: ['sub'] }),
    fc.record({ sub: subject, scope }, { requiredKeys: ['sub'] }),
  );
}

/** Headers as they arrive (lower-case names), with garbage authorization and correlation ids among them. */
export const headersArbitrary: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      authorization: fc.oneof(
        garbageString,
        garbageString.map((t) => `Bearer ${t}`),
        fc.constant('Bearer'),
      ),
      'x-correlation-id': fc.oneof(garbageString, validId('cor-')),
      'content-type': fc.constantFrom('application/json', 'text/plain', '', 'application/json; charset=utf-8'),
    },
    { requiredKeys: [] },
  )
  .chain((known) =>
    fc
      .dictionary(
        fc.string({ minLength: 1, maxLength: 20 }).map((name) => name.toLowerCase()),
        fc.string({ maxLength: 40 }),
        { maxKeys: 3 },
      )
      .map((extra) => ({ ...extra, ...known })),
  );

export interface HttpApiEventParts {
  method: string;
  /** The route as declared, e.g. `/loans/{id}`. */
  route: string;
  rawPath?: string;
  pathParameters?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
  /** `undefined`: no authorizer context at all. */
  claims?: Record<string, unknown>;
}

/**
 * An HTTP API (payload 2.0) event as API Gateway would deliver it to a route's function.
 *
 * @example
 * const event = httpApiEvent({ method: 'GET', route: '/loans/{id}', pathParameters: { id: 'loan-1' }, claims: { sub: 'mem-1' } });
 */
export function httpApiEvent(parts: HttpApiEventParts): APIGatewayProxyEventV2WithJWTAuthorizer {
  const routeKey = `${parts.method} ${parts.route}`;
  const rawPath = parts.rawPath ?? parts.route;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: parts.headers ?? {},
    ...(parts.queryStringParameters ? { queryStringParameters: parts.queryStringParameters } : {}),
    ...(parts.pathParameters ? { pathParameters: parts.pathParameters } : {}),
    ...(parts.body === undefined ? {} : { body: parts.body }),
    isBase64Encoded: parts.isBase64Encoded ?? false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method: parts.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'fuzz' },
      requestId: 'Fuzz1Req=',
      routeKey,
      stage: '$default',
      time: '25/Nov/2026:10:00:00 +0000',
      timeEpoch: 0,
      ...(parts.claims === undefined
        ? {}
        : { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: parts.claims, scopes: [] } } }),
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/**
 * Checks what every answer of an API must be, whatever it was sent: a structured result with a status
 * below 500 and a JSON body; a refusal (4xx) is an RFC 9457 problem (`application/problem+json`) naming its
 * reason in `detail`, and an invalid request points at each bad field in `errors`. Returns the parsed body.
 *
 * @example
 * const body = expectWellFormedAnswer(await handler(event));
 */
export function expectWellFormedAnswer(result: APIGatewayProxyStructuredResultV2 | string | undefined) {
  if (typeof result !== 'object' || result === null) throw new Error(`not a structured result: ${String(result)}`);
  const { statusCode, body } = result;
  if (typeof statusCode !== 'number' || statusCode < 200 || statusCode >= 500) {
    throw new Error(`answered ${String(statusCode)}: ${String(body)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(body));
  } catch {
    throw new Error(`answered ${statusCode} with a body that is not JSON: ${String(body)}`);
  }
  if (statusCode >= 400) {
    const problem = problemOf(result);
    if (typeof problem.detail !== 'string' || problem.detail === '') {
      throw new Error(`refused with ${statusCode} but no reason: ${String(body)}`);
    }
    if (problem.type === INVALID_REQUEST) {
      const errors = problem.errors ?? [];
      const pointing = errors.every((e) => typeof e.pointer === 'string' && typeof e.detail === 'string');
      if (errors.length === 0 || !pointing) {
        throw new Error(`an invalid request must point at each bad field: ${String(body)}`);
      }
    }
  }
  return parsed as Record<string, unknown>;
}

/** One generated SQS message body and whether the consumer must handle it (`valid`) or fail it. */
export interface FuzzMessage {
  body: string;
  valid: boolean;
  /** What kind of input it is, for the failure report. */
  kind: string;
}

const tryParse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Replaces one field at a dotted path (creating nothing): the way a bad producer breaks a message. */
function withField(value: Record<string, unknown>, path: string[], replacement: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  const copy = { ...value };
  if (rest.length === 0) {
    if (replacement === undefined) delete copy[head];
    else copy[head] = replacement;
    return copy;
  }
  const inner = copy[head];
  copy[head] = isRecord(inner) ? withField(inner, rest, replacement) : inner;
  return copy;
}

/** Adds one own field (even `__proto__`) to the object at a dotted path (the root when empty). */
function withExtraField(
  value: Record<string, unknown>,
  path: string[],
  key: string,
  extra: unknown,
): Record<string, unknown> {
  if (path.length === 0) {
    const copy = { ...value };
    Object.defineProperty(copy, key, { value: extra, enumerable: true, writable: true, configurable: true });
    return copy;
  }
  const [head, ...rest] = path as [string, ...string[]];
  const inner = value[head];
  return isRecord(inner) ? { ...value, [head]: withExtraField(inner, rest, key, extra) } : value;
}

/** Every dotted path of an object's leaves and branches. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => [[...prefix, key], ...pathsOf(inner, [...prefix, key])]);
}

/**
 * Message bodies for a consumer: valid messages (from `valid`, each checked by `accepts`) mixed with
 * garbage text, JSON that is no message at all, valid messages broken in one field (wrong name, source,
 * version, envelope or data), and valid messages with one field added (valid or not as the oracle
 * `accepts` says). A broken message the oracle still accepts is dropped, so every message marked invalid
 * really is.
 *
 * @example
 * const messages = messageArbitrary(validBookLent.map((e) => e as object), (body) => subscriberAccepts(body));
 */
export function messageArbitrary(
  valid: fc.Arbitrary<Record<string, unknown>>,
  accepts: (body: unknown) => boolean,
): fc.Arbitrary<FuzzMessage> {
  const good = valid.map((message) => {
    if (!accepts(message)) throw new Error(`a generated valid message is refused: ${JSON.stringify(message)}`);
    return { body: JSON.stringify(message), valid: true, kind: 'valid' };
  });
  const notJson = fc
    .oneof(fc.string(), binaryString(60), fc.constantFrom('', '{', '}{', 'undefined'))
    .filter((text) => tryParse(text) === undefined)
    .map((body) => ({ body, valid: false, kind: 'not JSON' }));
  const notAMessage = anyJson.map((value) => ({
    body: JSON.stringify(value),
    valid: false,
    kind: 'JSON of any shape',
  }));
  const broken = valid
    .chain((message) =>
      fc.record({
        message: fc.constant(message),
        path: fc.constantFrom(...pathsOf(message)),
        replacement: fc.oneof(fc.constant(undefined), anyJson, garbageString),
      }),
    )
    .map(({ message, path, replacement }) => ({
      body: JSON.stringify(withField(message, path, replacement)),
      valid: false,
      kind: `broken at ${path.join('.')}`,
    }));
  // Fields the contracts do not know: a claim-check reference nobody resolves, prototype keys, noise.
  const extended = valid
    .chain((message) =>
      fc.record({
        message: fc.constant(message),
        path: fc.constantFrom(
          [],
          ...pathsOf(message).filter((p) =>
            isRecord(p.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], message)),
          ),
        ),
        key: fc.oneof(
          fc.constantFrom('claimCheck', '__proto__', 'constructor', 'toString'),
          fc.string({ maxLength: 10 }),
        ),
        extra: anyJson,
      }),
    )
    .map(({ message, path, key, extra }) => {
      const body = JSON.stringify(withExtraField(message, path, key, extra));
      // Unknown fields are ignored by the contracts, so many such messages are still valid: ask the oracle.
      return { body, valid: accepts(tryParse(body)), kind: `extra ${key} at ${path.join('.') || '(root)'}` };
    });
  return fc
    .oneof(
      { arbitrary: good, weight: 3 },
      { arbitrary: extended, weight: 1 },
      { arbitrary: notJson, weight: 1 },
      { arbitrary: notAMessage, weight: 1 },
      { arbitrary: broken, weight: 4 },
    )
    .filter((message) => message.valid || !accepts(tryParse(message.body)));
}

const succeeds = (parse: () => unknown) => {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
};

/**
 * The oracle of a subscriber: would it route this body (an EventBridge event) to an observer of one of
 * `contracts`, with a detail its contract accepts?
 */
export const acceptsEvent =
  (contracts: readonly EventContract[]) =>
  (body: unknown): boolean =>
    isRecord(body) &&
    isRecord(body.detail) &&
    // A claim-checked detail needs a claim-check store, which these subscribers do not have.
    !Object.hasOwn(body.detail, 'claimCheck') &&
    contracts.some(
      (c) =>
        body['detail-type'] === c.detailType &&
        body.source === c.source &&
        (body.detail as Record<string, unknown>).version === c.version &&
        succeeds(() => parseEventDetail(c, body.detail)),
    );

/** The oracle of a command handler: is this body a command envelope one of `contracts` accepts? */
export const acceptsCommand =
  (contracts: readonly CommandContract[]) =>
  (body: unknown): boolean =>
    isRecord(body) &&
    contracts.some((c) => body.name === c.name && body.version === c.version && succeeds(() => parseCommand(c, body)));

/** An envelope's ids and time, as a producer would write them. */
// Event and command ids are unique, as producers make them (idempotency keys on them).
const envelopeArbitrary = fc.record({
  eventId: fc.uuid().map((id) => `evt-${id}`),
  correlationId: validId('cor-'),
  causationId: validId('cause-'),
  occurredAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
});

/**
 * EventBridge events of `contract`, as its subscriber's queue receives them, with data from `data`.
 *
 * @example
 * const lent = eventArbitrary(BookLent, fc.record({ ...bookLentFields }));
 */
export function eventArbitrary<C extends EventContract>(
  contract: C,
  data: fc.Arbitrary<DataOf<C>>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({ envelope: envelopeArbitrary, data, id: fc.uuid() }).map(({ envelope, data: payload, id }) => ({
    version: '0',
    id,
    'detail-type': contract.detailType,
    source: contract.source,
    account: '000000000000',
    time: envelope.occurredAt.toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: {
      eventId: envelope.eventId,
      version: contract.version,
      occurredAt: envelope.occurredAt.toISOString(),
      correlationId: envelope.correlationId,
      causationId: envelope.causationId,
      data: payload,
    },
  }));
}

/** Command envelopes of `contract`, as its FIFO queue receives them, with data from `data`. */
export function commandArbitrary<C extends CommandContract>(
  contract: C,
  data: fc.Arbitrary<DataOf<C>>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({ envelope: envelopeArbitrary, data }).map(({ envelope, data: payload }) => ({
    commandId: envelope.eventId.replace(/^evt-/, 'cmd-'),
    name: contract.name,
    version: contract.version,
    issuedAt: envelope.occurredAt.toISOString(),
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
    data: payload,
  }));
}

/** A structured log line as the mesh's logger writes it. */
export type LogLine = Record<string, unknown>;

/**
 * Builds a handler whose logger writes error lines where the test can read them: the mesh's loggers are
 * silent under jest (jest.setup.js), so this turns on ERROR for what `build` creates only, and captures
 * the lines (Powertools writes to the global console in dev mode) instead of printing them.
 *
 * @example
 * const { value: handler, lines } = await captureErrorLogs(() => orderSagaHandler(deps));
 * // after a batch: lines.some((l) => l.messageId === id && typeof l.reason === 'string')
 */
export async function captureErrorLogs<T>(
  build: () => T | Promise<T>,
): Promise<{ value: T; lines: LogLine[]; restore: () => void }> {
  const saved = { level: process.env.POWERTOOLS_LOG_LEVEL, dev: process.env.POWERTOOLS_DEV };
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  process.env.POWERTOOLS_DEV = 'true';
  const lines: LogLine[] = [];
  const original = console.error;
  console.error = (text: unknown) => {
    try {
      lines.push(JSON.parse(String(text)) as LogLine);
    } catch {
      lines.push({ message: String(text) });
    }
  };
  let value: T;
  try {
    value = await build();
  } finally {
    const restoreEnv = (name: string, previous: string | undefined) => {
      if (previous === undefined) delete process.env[name];
      else process.env[name] = previous;
    };
    restoreEnv('POWERTOOLS_LOG_LEVEL', saved.level);
    restoreEnv('POWERTOOLS_DEV', saved.dev);
  }
  return { value, lines, restore: () => void (console.error = original) };
}
