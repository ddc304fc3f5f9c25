import * as z from 'zod/mini';
import { acceptedVersions, ContractViolationError, defineEvent, liftEventDetail } from '../../src';
import { ParcelShippedV1, ParcelShippedV2, ParcelShippedV3 } from '../helpers/versionedContracts';

const detail = (version: number, data: unknown) => ({
  eventId: 'evt-1',
  version,
  occurredAt: '2026-01-01T00:00:00.000Z',
  correlationId: 'cor-1',
  causationId: 'cause-1',
  data,
});

describe('upcasting', () => {
  it('lists the versions a contract accepts through its upcasters, newest first', () => {
    expect(acceptedVersions(ParcelShippedV3)).toEqual([3, 2, 1]);
    expect(acceptedVersions(ParcelShippedV1)).toEqual([1]);
  });

  it('passes an event of the observed version through untouched', () => {
    const lifted = liftEventDetail(ParcelShippedV2, detail(2, ParcelShippedV2.example));
    expect(lifted).toEqual({ envelope: detail(2, ParcelShippedV2.example) });
  });

  it('lifts a v1 event into v2, keeping the ids and saying where it came from', () => {
    const lifted = liftEventDetail(ParcelShippedV2, detail(1, { parcelId: 'p-9', recipient: 'Grace Brewster Hopper' }));
    expect(lifted.upcastFrom).toBe(1);
    expect(lifted.envelope).toEqual({
      ...detail(2, { parcelId: 'p-9', recipient: { first: 'Grace', last: 'Brewster Hopper' } }),
    });
  });

  it('lifts through every version in between', () => {
    const lifted = liftEventDetail(ParcelShippedV3, detail(1, ParcelShippedV1.example));
    expect(lifted).toEqual({
      envelope: detail(3, {
        parcelId: 'p-1',
        recipient: { first: 'Ada', last: 'Lovelace' },
        weight: { value: 0, unit: 'g' },
      }),
      upcastFrom: 1,
    });
  });

  it('checks the old event against its own version before lifting it', () => {
    expect(() => liftEventDetail(ParcelShippedV2, detail(1, { parcelId: 'p-9' }))).toThrow(ContractViolationError);
  });

  it('refuses a version no upcaster reaches, as the contract would', () => {
    expect(() => liftEventDetail(ParcelShippedV1, detail(2, ParcelShippedV2.example))).toThrow(/version/);
  });

  it('refuses an upcaster of another event or a version that is not the previous one, at definition', () => {
    const spec = {
      name: 'ParcelShipped',
      service: 'shipping',
      description: 'd',
      schema: z.object({ parcelId: z.string() }),
    };
    const example = { parcelId: 'p' };
    expect(() =>
      defineEvent({ ...spec, version: 3, example, upcast: { from: ParcelShippedV1, lift: () => example } }),
    ).toThrow(/can upcast only ParcelShipped v2/);
    expect(() =>
      defineEvent({
        ...spec,
        name: 'ParcelLost',
        version: 2,
        example,
        upcast: { from: ParcelShippedV1, lift: () => example },
      }),
    ).toThrow(/can upcast only ParcelLost v1/);
  });

  it("refuses an upcaster that turns the previous version's example into invalid data", () => {
    expect(() =>
      defineEvent({
        name: 'ParcelShipped',
        service: 'shipping',
        version: 2,
        description: 'd',
        schema: z.object({ parcelId: z.string(), count: z.number() }),
        example: { parcelId: 'p', count: 1 },
        upcast: { from: ParcelShippedV1, lift: ({ parcelId }) => ({ parcelId }) as never },
      }),
    ).toThrow(/upcaster turns v1's example into invalid data/);
  });
});
