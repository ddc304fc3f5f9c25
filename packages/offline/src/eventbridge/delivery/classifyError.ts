import { TargetInvocationError } from '../errors';

const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
]);
const NO_PERMISSION = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
const THROTTLED = new Set(['TooManyRequestsException', 'ThrottlingException', 'RequestThrottled', 'Throttling']);

/**
 * Maps what an SDK call threw to the ERROR_CODE EventBridge reports, and whether EventBridge would retry:
 * a target that does not exist or denies access goes to the dead-letter queue at once; network failures,
 * throttling and server errors are retried under the target's RetryPolicy.
 */
export function classifyError(error: unknown): TargetInvocationError {
  if (error instanceof TargetInvocationError) return error;
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? 'Error';
  const message = e?.message || name;
  if (NOT_FOUND.has(name)) return new TargetInvocationError('RESOURCE_NOT_FOUND', message, false);
  if (NO_PERMISSION.has(name)) return new TargetInvocationError('NO_PERMISSIONS', message, false);
  if (THROTTLED.has(name)) return new TargetInvocationError('THROTTLING', message, true);
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 400 && status < 500 && status !== 429)
    return new TargetInvocationError('SDK_CLIENT_ERROR', message, false);
  // No HTTP answer (connection refused, reset, timeout) or a server error: worth another try.
  return new TargetInvocationError('SDK_CLIENT_ERROR', message, true);
}
