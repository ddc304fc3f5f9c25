import type { CloudFormationTemplate } from '../provision';
import { OfflineSeedError } from './errors';

/** The items to write into one table of a service, offline only. */
export interface TableSeed {
  /** The table's logical id in the service's template, e.g. `CatalogTable`. */
  logicalId: string;
  /** Its key attributes (hash first), from the template's `KeySchema`. */
  keyAttributes: string[];
  /** Plain JSON items (strings, numbers, booleans, lists, maps), marshalled when written. */
  items: Record<string, unknown>[];
}

/** Where a service declares its offline seed in its Serverless config: never in the deployed template. */
export const OFFLINE_SEED_KEY = 'offlineSeed';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function keyAttributesOf(template: CloudFormationTemplate, logicalId: string): string[] | undefined {
  const resource = template.Resources[logicalId];
  if (resource?.Type !== 'AWS::DynamoDB::Table') return undefined;
  const keySchema = resource.Properties?.KeySchema;
  if (!Array.isArray(keySchema)) return [];
  // HASH before RANGE, whatever the template's order.
  return [...(keySchema as { AttributeName?: unknown; KeyType?: unknown }[])]
    .sort((a, b) => (a.KeyType === 'HASH' ? -1 : b.KeyType === 'HASH' ? 1 : 0))
    .map((key) => String(key.AttributeName));
}

/**
 * The offline seed a service declares under `custom.offlineSeed` of its Serverless config: a map from a
 * table's logical id to the items `npm run dev` writes there after provisioning it (demo data, so a fresh
 * mesh is usable at once). `custom` is read from the packaged service's state, never from the CloudFormation
 * template, so the seed cannot reach AWS. Throws {@link OfflineSeedError} for a seed that is not such a map,
 * names something other than a DynamoDB table of the template, or holds an item without the table's keys.
 *
 * @example
 * // serverless.ts: custom: { offlineSeed: { CatalogTable: [{ pk: 'BOOK#978-1', sk: 'BOOK', copies: 5 }] } }
 * readOfflineSeed('catalog', state.service.custom?.offlineSeed, template);
 * // → [{ logicalId: 'CatalogTable', keyAttributes: ['pk', 'sk'], items: [{ pk: 'BOOK#978-1', … }] }]
 */
export function readOfflineSeed(serviceName: string, declared: unknown, template: CloudFormationTemplate): TableSeed[] {
  if (declared === undefined || declared === null) return [];
  const where = `custom.${OFFLINE_SEED_KEY} of service ${serviceName}`;
  if (!isPlainObject(declared)) {
    throw new OfflineSeedError(`${where} must map a table's logical id to a list of items`);
  }
  const tables = Object.keys(template.Resources).filter((id) => keyAttributesOf(template, id) !== undefined);
  return Object.entries(declared).map(([logicalId, items]) => {
    const keyAttributes = keyAttributesOf(template, logicalId);
    if (keyAttributes === undefined) {
      throw new OfflineSeedError(
        `${where} names ${logicalId}, which is not a DynamoDB table of its template (its tables: ${tables.join(', ') || 'none'})`,
      );
    }
    if (!Array.isArray(items)) throw new OfflineSeedError(`${where}: ${logicalId} must be a list of items`);
    items.forEach((item: unknown, index) => {
      if (!isPlainObject(item))
        throw new OfflineSeedError(`${where}: ${logicalId}[${index}] is not an item (an object)`);
      const missing = keyAttributes.filter((key) => item[key] === undefined);
      if (missing.length > 0) {
        throw new OfflineSeedError(`${where}: ${logicalId}[${index}] lacks its key attribute(s) ${missing.join(', ')}`);
      }
    });
    return { logicalId, keyAttributes, items: items as Record<string, unknown>[] };
  });
}
