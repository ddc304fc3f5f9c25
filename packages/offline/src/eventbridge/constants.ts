/** Limits and defaults of Amazon EventBridge, as AWS documents them. */

export const DEFAULT_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_EVENT_BUS_NAME = 'default';
/** serverless-offline's Lambda invoke endpoint. */
export const DEFAULT_LAMBDA_ENDPOINT = 'http://127.0.0.1:3002';
/** The edge endpoint of the offline mesh. */
export const DEFAULT_SQS_ENDPOINT = 'http://127.0.0.1:4566';

/** PutEvents accepts 1 to 10 entries per request. */
export const MAX_PUT_EVENTS_ENTRIES = 10;
/**
 * Total PutEvents entry size, computed as AWS documents it (see `computeEntrySize`). AWS raised it from
 * 256 KB to 1 MB in January 2026 (asynchronous Lambda, SQS and EventBridge together).
 */
export const MAX_PUT_EVENTS_REQUEST_BYTES = 1024 * 1024;
/** The `Targets` list of one PutTargets request holds 1 to 10 targets. */
export const MAX_TARGETS_PER_REQUEST = 10;
/** Service quota: targets per rule. */
export const MAX_TARGETS_PER_RULE = 5;
/** Input transformer: at most 100 variables. */
export const MAX_INPUT_PATHS = 100;

/** RetryPolicy defaults: 24 hours and 185 attempts. */
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;
export const MIN_MAXIMUM_EVENT_AGE_SECONDS = 60;

/** Offline backoff between delivery attempts: short, so a failing target reaches its DLQ in seconds. */
export const DEFAULT_RETRY_BASE_DELAY_MS = 200;
export const DEFAULT_RETRY_MAX_DELAY_MS = 5_000;

/** Largest HTTP body the listener reads (PutEvents at its limit, JSON-escaped, fits well within). */
export const MAX_HTTP_BODY_BYTES = 16 * 1024 * 1024;

export const DEFAULT_LIST_LIMIT = 100;
