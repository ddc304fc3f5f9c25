import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JsonSchemaDocument } from '../jsonSchema';

/**
 * The committed snapshots: one JSON Schema per published contract version, keyed by file name
 * (`orders.OrderPlaced.v1.json`). A missing directory holds none.
 *
 * @example
 * const published = readSnapshots('packages/contracts/snapshots');
 */
export function readSnapshots(dir: string): Record<string, JsonSchemaDocument> {
  if (!existsSync(dir)) return {};
  const snapshots: Record<string, JsonSchemaDocument> = {};
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json')) continue;
    snapshots[file] = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as JsonSchemaDocument;
  }
  return snapshots;
}

/** The text a snapshot is committed as: stable, so a diff shows only what changed. */
export function snapshotText(schema: JsonSchemaDocument): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** Writes the given snapshots (file name → schema) into `dir`. */
export function writeSnapshots(dir: string, snapshots: Record<string, JsonSchemaDocument>): void {
  mkdirSync(dir, { recursive: true });
  for (const [file, schema] of Object.entries(snapshots)) writeFileSync(path.join(dir, file), snapshotText(schema));
}
