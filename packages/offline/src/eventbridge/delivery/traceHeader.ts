/**
 * X-Ray trace headers as EventBridge hands them on: PutEvents' `TraceHeader` reaches an SQS target (and a
 * target's dead-letter queue) as the message's `AWSTraceHeader` system attribute. X-Ray validates a header
 * and drops one it cannot read, while the event is still delivered: so does the emulator.
 */

/** The SQS message system attribute EventBridge sets from PutEvents' TraceHeader. */
export const AWS_TRACE_HEADER = 'AWSTraceHeader';

/**
 * fauxqs 2.4 ignores `MessageSystemAttributes` on SendMessage and never returns `AWSTraceHeader`, so the
 * emulator also sends the header as this message attribute, and the offline SQS pollers hand it to the
 * function as `attributes.AWSTraceHeader`, removed from `messageAttributes`: the function sees what
 * Lambda would give it on AWS (docs/offline.md, "Trace headers").
 */
export const OFFLINE_TRACE_HEADER_ATTRIBUTE = 'mesh.offline.AWSTraceHeader';

const TRACE_HEADER = /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}(;[A-Za-z][A-Za-z0-9]*=[A-Za-z0-9:_.-]*)*$/;

/**
 * True when X-Ray would accept `value` as a trace header.
 *
 * @example
 * isValidTraceHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1'); // true
 */
export function isValidTraceHeader(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 256 && TRACE_HEADER.test(value);
}
