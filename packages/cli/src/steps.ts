/** One step of starting the mesh, as reported to a progress display. */
export interface StepEvent {
  /** e.g. `fauxqs (SQS + S3)`, `package loans`. */
  step: string;
  state: 'started' | 'done' | 'skipped' | 'failed';
  /** Milliseconds the step took (done, skipped, failed). */
  ms?: number;
  /** A short note: `cached`, a port, the failure's reason. */
  detail?: string;
}

export type OnStep = (event: StepEvent) => void;

/**
 * Runs `work` as a named step, reporting its start and its end (with duration) to `onStep`.
 *
 * @example
 * const sqs = await step(onStep, 'fauxqs (SQS + S3)', () => startSqs());
 */
export async function step<T>(
  onStep: OnStep | undefined,
  name: string,
  work: () => Promise<T>,
  detailOf?: (result: T) => string | undefined,
): Promise<T> {
  const started = performance.now();
  onStep?.({ step: name, state: 'started' });
  try {
    const result = await work();
    const detail = detailOf?.(result);
    onStep?.({ step: name, state: 'done', ms: performance.now() - started, ...(detail ? { detail } : {}) });
    return result;
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    onStep?.({ step: name, state: 'failed', ms: performance.now() - started, ...(detail ? { detail } : {}) });
    throw error;
  }
}
