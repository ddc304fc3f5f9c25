/** The ids a hop carries, read from an event's `detail` envelope or a command's body. */
export interface HopIds {
  eventId?: string;
  awsEventId?: string;
  correlationId?: string;
  causationId?: string;
  name?: string;
  source?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function compact(ids: HopIds): HopIds {
  return Object.fromEntries(Object.entries(ids).filter(([, value]) => value !== undefined)) as HopIds;
}

/**
 * The ids of an EventBridge event: EventBridge's `id`, the detail-type as name, the source, and the mesh envelope's
 * `eventId`, `correlationId` and `causationId` from `detail` (absent for an event that is not the mesh's).
 *
 * @example
 * idsOfEvent({ id: 'aws-1', 'detail-type': 'BookLent', source: 'mesh.loans', detail: { eventId: 'e-1', correlationId: 'c-1' } });
 * // → { awsEventId: 'aws-1', name: 'BookLent', source: 'mesh.loans', eventId: 'e-1', correlationId: 'c-1' }
 */
export function idsOfEvent(event: unknown): HopIds {
  if (!isObject(event)) return {};
  const detail = isObject(event.detail) ? event.detail : {};
  return compact({
    eventId: text(detail.eventId),
    awsEventId: text(event.id),
    correlationId: text(detail.correlationId),
    causationId: text(detail.causationId),
    name: text(event['detail-type']),
    source: text(event.source),
  });
}

/**
 * The ids of an SQS message body as the mesh sends them: a command envelope (`commandId`, `name`,
 * `correlationId`, `causationId`) or an EventBridge event (see {@link idsOfEvent}). Anything else (not JSON, a
 * transformed input) gives what it can, possibly nothing.
 *
 * @example
 * idsOfMessageBody('{"commandId":"cmd-1","name":"ReserveCopy","correlationId":"c-1","causationId":"e-1"}');
 * // → { eventId: 'cmd-1', name: 'ReserveCopy', correlationId: 'c-1', causationId: 'e-1' }
 */
export function idsOfMessageBody(body: string | undefined): HopIds & { command?: boolean } {
  if (!body || body[0] !== '{') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (!isObject(parsed)) return {};
  if (text(parsed.commandId) !== undefined) {
    return {
      ...compact({
        eventId: text(parsed.commandId),
        correlationId: text(parsed.correlationId),
        causationId: text(parsed.causationId),
        name: text(parsed.name),
      }),
      command: true,
    };
  }
  if ('detail-type' in parsed || 'detail' in parsed) return idsOfEvent(parsed);
  // An InputPath of `$.detail` leaves the envelope alone.
  return compact({
    eventId: text(parsed.eventId),
    correlationId: text(parsed.correlationId),
    causationId: text(parsed.causationId),
  });
}
