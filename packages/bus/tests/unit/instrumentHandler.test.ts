import { BookLent, CopyReserved, ReserveCopy } from '../helpers/fixtureContracts';
import { makeCommand, makeEvent, sqsEvent, sqsRecord } from '../../src/testing';
import {
  commandHandler,
  handle,
  instrumentHandler,
  MeshMetrics,
  observe,
  sharedTracer,
  subscriber,
  tracingPossible,
  DISABLED_TRACER,
  type Tracer,
} from '../../src';

interface FakeSubsegment {
  name: string;
  annotations: Record<string, string>;
  errors: string[];
  closed: boolean;
}

/**
 * A Tracer as it behaves in Lambda with active tracing, recording what it is asked to do: outside Lambda
 * (and in jest, POWERTOOLS_TRACE_ENABLED=false) the real one is a no-op.
 */
function fakeTracer() {
  const subsegments: FakeSubsegment[] = [];
  const calls: string[] = [];
  const open = (name: string) => {
    const sub: FakeSubsegment = { name, annotations: {}, errors: [], closed: false };
    subsegments.push(sub);
    return {
      addAnnotation: (key: string, value: string) => void (sub.annotations[key] = value),
      addError: (error: Error) => void sub.errors.push(error.message),
      close: () => void (sub.closed = true),
      addNewSubsegment: (child: string) => open(child),
    };
  };
  const facade = open('facade');
  const tracer = {
    isTracingEnabled: () => true,
    getSegment: () => facade,
    setSegment: () => calls.push('setSegment'),
    annotateColdStart: () => calls.push('annotateColdStart'),
    addServiceNameAnnotation: () => calls.push('addServiceNameAnnotation'),
    addErrorAsMetadata: (error: Error) => calls.push(`error:${error.message}`),
    putAnnotation: () => undefined,
    provider: {
      captureAsyncFunc: (name: string, fn: (sub: ReturnType<typeof open>) => Promise<unknown>) => fn(open(name)),
    },
  };
  return { tracer: tracer as unknown as Tracer, subsegments, calls };
}

describe('tracing the handlers (Powertools Tracer)', () => {
  it('loads the Powertools Tracer (and its X-Ray SDK) only in Lambda with tracing allowed', () => {
    const lambda = { AWS_LAMBDA_FUNCTION_NAME: 'loans-dev-placeOrder' };
    expect(tracingPossible(lambda)).toBe(true);
    expect(tracingPossible({ ...lambda, IS_OFFLINE: 'true' })).toBe(false);
    expect(tracingPossible({ ...lambda, POWERTOOLS_TRACE_ENABLED: 'false' })).toBe(false);
    expect(tracingPossible({ ...lambda, POWERTOOLS_TRACE_ENABLED: '0' })).toBe(false);
    expect(tracingPossible({})).toBe(false);
    // jest sets POWERTOOLS_TRACE_ENABLED=false: the shared tracer is the disabled one, and hands clients back as they are.
    expect(sharedTracer()).toBe(DISABLED_TRACER);
    const client = { send: () => undefined };
    expect(sharedTracer().captureAWSv3Client(client)).toBe(client);
  });

  it('is off in tests and outside Lambda, so wrapped handlers only flush their metrics', async () => {
    expect(sharedTracer().isTracingEnabled()).toBe(false);
    const handler = instrumentHandler('plain', async (n: number) => n + 1);
    await expect(handler(1)).resolves.toBe(2);
  });

  it('opens a ## subsegment per invocation with ColdStart and Service, records a thrown error, and closes it', async () => {
    const { tracer, subsegments, calls } = fakeTracer();
    const metrics = new MeshMetrics({ serviceName: 'loans' });
    const ok = instrumentHandler('ok', async () => 'done', { tracer, metrics });
    const failing = instrumentHandler(
      'failing',
      async () => {
        throw new Error('boom');
      },
      { tracer, metrics },
    );
    await expect(ok(undefined)).resolves.toBe('done');
    await expect(failing(undefined)).rejects.toThrow('boom');
    expect(subsegments.filter((s) => s.name.startsWith('##')).map(({ name, closed }) => ({ name, closed }))).toEqual([
      { name: '## ok', closed: true },
      { name: '## failing', closed: true },
    ]);
    expect(calls).toEqual(expect.arrayContaining(['annotateColdStart', 'addServiceNameAnnotation', 'error:boom']));
  });

  it('gives each message of a batch its own ### subsegment, annotated with its correlation and event ids', async () => {
    const { tracer, subsegments } = fakeTracer();
    const handler = subscriber({
      name: 'loans-saga',
      observers: [
        observe(BookLent, async () => undefined, { name: 'placed' }),
        observe(
          CopyReserved,
          async () => {
            throw new Error('store down');
          },
          { name: 'reserved' },
        ),
      ],
      tracer,
      metrics: new MeshMetrics({ serviceName: 'loans' }),
    });
    const result = await handler(
      sqsEvent([
        sqsRecord(makeEvent(BookLent, { eventId: 'evt-1', correlationId: 'cor-1' })),
        sqsRecord(makeEvent(CopyReserved, { eventId: 'evt-2', correlationId: 'cor-2' })),
      ]),
    );
    expect(result.batchItemFailures).toHaveLength(1);
    const messages = subsegments.filter((s) => s.name.startsWith('###'));
    expect(messages).toEqual(
      expect.arrayContaining([
        {
          name: '### BookLent',
          annotations: { correlationId: 'cor-1', eventId: 'evt-1' },
          errors: [],
          closed: true,
        },
        {
          name: '### CopyReserved',
          annotations: { correlationId: 'cor-2', eventId: 'evt-2' },
          errors: ['store down'],
          closed: true,
        },
      ]),
    );
    expect(subsegments.find((s) => s.name === '## loans-saga')?.closed).toBe(true);
  });

  it('gives each command its own ### subsegment, annotated with its correlation and command ids', async () => {
    const { tracer, subsegments } = fakeTracer();
    const handler = commandHandler({
      name: 'catalog-commands',
      routes: [handle(ReserveCopy, async () => undefined)],
      tracer,
      metrics: new MeshMetrics({ serviceName: 'catalog' }),
    });
    await handler(
      sqsEvent([
        sqsRecord(makeCommand(ReserveCopy, { commandId: 'cmd-1', correlationId: 'cor-1' }), {
          queue: 'catalog-ci-commands.fifo',
        }),
      ]),
    );
    expect(subsegments.filter((s) => s.name.startsWith('###'))).toEqual([
      {
        name: '### ReserveCopy',
        annotations: { correlationId: 'cor-1', commandId: 'cmd-1' },
        errors: [],
        closed: true,
      },
    ]);
  });
});
