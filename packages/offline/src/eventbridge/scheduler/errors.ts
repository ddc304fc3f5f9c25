import { EventBridgeApiError } from '../errors';

/** EventBridge Scheduler's errors: restJson1, so each carries its own HTTP status. */
export class SchedulerValidationError extends EventBridgeApiError {
  constructor(message: string) {
    super('ValidationException', message, 400);
  }
}

export class SchedulerNotFoundError extends EventBridgeApiError {
  constructor(message: string) {
    super('ResourceNotFoundException', message, 404);
  }
}

export class SchedulerConflictError extends EventBridgeApiError {
  constructor(message: string) {
    super('ConflictException', message, 409);
  }
}
