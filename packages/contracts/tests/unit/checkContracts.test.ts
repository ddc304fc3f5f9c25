import * as z from 'zod/mini';
import { defineEvent, schemaFileName, toJsonSchema } from '../../src';
import { checkContracts, formatGateReport, type ContractUsage } from '../../src/tools';

const shape = { parcelId: z.string(), weightGrams: z.number() };
const v1 = defineEvent({
  name: 'ParcelShipped',
  service: 'shipping',
  version: 1,
  description: 'fixture',
  schema: z.object(shape),
  example: { parcelId: 'p-1', weightGrams: 10 },
});
const snapshots = { [schemaFileName(v1)]: toJsonSchema(v1) };
const usages: ContractUsage[] = [
  { contract: 'ParcelShipped', version: 1, role: 'publisher', service: 'shipping' },
  {
    contract: 'ParcelShipped',
    version: 1,
    role: 'subscriber',
    service: 'billing',
    channel: 'parcel-events',
    queue: 'billing-dev-parcel-events',
    dlq: 'billing-dev-parcel-events-dlq',
  },
  { contract: 'ParcelShipped', version: 2, role: 'subscriber', service: 'tracking', channel: 'parcels' },
];
const edited = (schema: z.ZodMiniObject, example: Record<string, unknown>, version = 1) =>
  defineEvent({ name: 'ParcelShipped', service: 'shipping', version, description: 'fixture', schema, example });

describe('checkContracts, the compatibility gate', () => {
  it('passes a contract that matches its snapshot', () => {
    const report = checkContracts([v1], snapshots, usages);
    expect(report).toMatchObject({ ok: true, broken: false });
    expect(report.findings).toEqual([expect.objectContaining({ status: 'unchanged' })]);
  });

  it('passes a published version changed compatibly both ways, and says what changed', () => {
    const withNote = edited(z.object({ ...shape, note: z.optional(z.string()) }), { parcelId: 'p', weightGrams: 1 });
    const report = checkContracts([withNote], snapshots, usages);
    expect(report.ok).toBe(true);
    expect(formatGateReport(report)).toContain('ParcelShipped v1 changed compatibly both ways (data.note)');
  });

  it('fails a breaking edit of a published version with the path, the kind, everyone affected and the fix', () => {
    const report = checkContracts([edited(z.object({ parcelId: z.string() }), { parcelId: 'p' })], snapshots, usages);
    expect(report).toMatchObject({ ok: false, broken: true });
    expect(report.findings[0]?.affected.map((u) => `${u.role} ${u.service}`)).toEqual([
      'publisher shipping',
      'subscriber billing',
    ]);
    const message = formatGateReport(report);
    expect(message).toContain('✗ ParcelShipped v1 changed after it was published — backward-only');
    expect(message).toContain('data.weightGrams: field-removed (was required)');
    expect(message).toContain(
      'subscriber billing (subscription parcel-events, queue billing-dev-parcel-events, DLQ billing-dev-parcel-events-dlq)',
    );
    expect(message).toContain('add ParcelShipped v2 beside it');
    expect(message).not.toContain('tracking'); // it observes v2, which this edit leaves alone
  });

  it('asks for a snapshot of a new version without calling anything broken', () => {
    const v2 = edited(z.object({ parcelId: z.string() }), { parcelId: 'p' }, 2);
    const report = checkContracts([v1, v2], snapshots, usages);
    expect(report).toMatchObject({ ok: false, broken: false });
    expect(formatGateReport(report)).toContain(
      'ParcelShipped v2 has no snapshot yet: run npm run contracts -- snapshot',
    );
  });

  it('fails when a published version disappears while someone still uses it', () => {
    const report = checkContracts([], snapshots, usages);
    expect(report.broken).toBe(true);
    expect(report.findings).toEqual([
      expect.objectContaining({ status: 'withdrawn', name: 'ParcelShipped', version: 1 }),
    ]);
    expect(formatGateReport(report)).toContain('subscriber billing');
  });
});
