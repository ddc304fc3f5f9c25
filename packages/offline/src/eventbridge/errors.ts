/**
 * Errors the EventBridge API answers with. Each carries the AWS error code (`__type` on the wire); the HTTP
 * listener turns any of them into AWS's JSON 1.1 error shape, so SDK clients raise the same named exceptions
 * as against AWS.
 */
export class EventBridgeApiError extends Error {
  constructor(
    /** AWS error code, sent as `__type`, e.g. `ResourceNotFoundException`. */
    readonly code: string,
    message: string,
    /** HTTP status; AWS answers client errors of this API with 400. */
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export class ResourceNotFoundError extends EventBridgeApiError {
  constructor(message: string) {
    super('ResourceNotFoundException', message);
  }
}

export class ResourceAlreadyExistsError extends EventBridgeApiError {
  constructor(message: string) {
    super('ResourceAlreadyExistsException', message);
  }
}

export class ValidationError extends EventBridgeApiError {
  constructor(message: string) {
    super('ValidationException', message);
  }
}

export class InvalidEventPatternApiError extends EventBridgeApiError {
  constructor(message: string) {
    super('InvalidEventPatternException', message);
  }
}

export class LimitExceededError extends EventBridgeApiError {
  constructor(message: string) {
    super('LimitExceededException', message);
  }
}

export class IllegalStatusError extends EventBridgeApiError {
  constructor(message: string) {
    super('IllegalStatusException', message);
  }
}

export class UnknownOperationError extends EventBridgeApiError {
  constructor(operation: string) {
    super('UnknownOperationException', operation ? `Unknown operation ${operation}` : 'Unknown operation');
  }
}

export class SerializationError extends EventBridgeApiError {
  constructor(message: string) {
    super('SerializationException', message);
  }
}

/** A target could not be invoked; `code` is the ERROR_CODE EventBridge writes on the dead-letter message. */
export class TargetInvocationError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** False for failures AWS does not retry (the target does not exist, no permission). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'TargetInvocationError';
  }
}
