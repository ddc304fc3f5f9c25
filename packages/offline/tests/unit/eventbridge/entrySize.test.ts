import { computeEntrySize } from '../../../src/eventbridge/entrySize';

describe('computeEntrySize', () => {
  it('counts the UTF-8 bytes of Source, DetailType and Detail', () => {
    expect(computeEntrySize({ Source: 'mesh.loans', DetailType: 'BookLent', Detail: '{}' })).toBe(10 + 8 + 2);
  });

  it('counts 14 bytes for Time, whatever its value', () => {
    const base = { Source: 's', DetailType: 'd', Detail: '{}' };
    expect(computeEntrySize({ ...base, Time: 1_700_000_000 }) - computeEntrySize(base)).toBe(14);
  });

  it('counts each resource and multi-byte characters by their UTF-8 length', () => {
    expect(computeEntrySize({ Source: 'é', DetailType: '€', Detail: '{"a":"😀"}', Resources: ['arn:x', 'ü'] })).toBe(
      2 + 3 + (8 + 4) + 5 + 2,
    );
  });

  it('ignores EventBusName and TraceHeader, which AWS does not count', () => {
    expect(
      computeEntrySize({ Source: 's', DetailType: 'd', Detail: '{}', EventBusName: 'bus', TraceHeader: 't' }),
    ).toBe(4);
  });
});
