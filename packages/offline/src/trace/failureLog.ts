/** What a subscriber or command handler logs when it fails a message (see @mesh/bus `subscriber`, `commandHandler`). */
export interface FailureLog {
  messageId: string;
  reason: string;
}

const FAILURE_MESSAGE = /returns to its queue$/;

/**
 * Reads one line a service printed: a mesh handler's structured log of a failed message (`message failed; it
 * returns to its queue` from a subscriber, `command failed; …` from a command handler, with `reason` and
 * `messageId`) gives its message id and reason; any other line gives `undefined`. Text before the JSON (a
 * prefix some runtimes add) is skipped.
 *
 * @example
 * parseFailureLog('{"level":"ERROR","message":"message failed; it returns to its queue","reason":"Error: boom","messageId":"m-1"}');
 * // → { messageId: 'm-1', reason: 'Error: boom' }
 */
export function parseFailureLog(line: string): FailureLog | undefined {
  // Cheap checks first: the mesh prints many lines and few are failures.
  if (!line.includes('returns to its queue')) return undefined;
  const start = line.indexOf('{');
  const end = line.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(start, end + 1));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { message, reason, messageId } = parsed as Record<string, unknown>;
  if (typeof message !== 'string' || !FAILURE_MESSAGE.test(message)) return undefined;
  if (typeof messageId !== 'string' || messageId === '' || typeof reason !== 'string') return undefined;
  return { messageId, reason };
}
