import { InvalidBatchResponseError } from './errors';

/**
 * The identifiers a function reported in `batchItemFailures`, checked as Lambda checks them: no response, an empty
 * object, or an empty or null list mean the whole batch succeeded; a response that is not an object, a list that is
 * not a list, or an identifier that is missing, empty or not in the batch throws {@link InvalidBatchResponseError}
 * (Lambda then fails the whole batch).
 *
 * @example
 * failedItemIds({ batchItemFailures: [{ itemIdentifier: 'm-2' }] }, new Set(['m-1', 'm-2'])); // Set { 'm-2' }
 */
export function failedItemIds(response: unknown, batchIds: ReadonlySet<string>): Set<string> {
  if (response === undefined || response === null) return new Set();
  if (typeof response !== 'object' || Array.isArray(response)) {
    throw new InvalidBatchResponseError(`the response is not a batch response: ${JSON.stringify(response)}`);
  }
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) {
    throw new InvalidBatchResponseError(`batchItemFailures is not a list: ${JSON.stringify(failures)}`);
  }
  const ids = new Set<string>();
  for (const failure of failures as unknown[]) {
    const id =
      typeof failure === 'object' && failure !== null
        ? (failure as { itemIdentifier?: unknown }).itemIdentifier
        : undefined;
    if (typeof id !== 'string' || id === '' || !batchIds.has(id)) {
      throw new InvalidBatchResponseError(
        `batchItemFailures names no message of the batch: ${JSON.stringify(failure)}`,
      );
    }
    ids.add(id);
  }
  return ids;
}
