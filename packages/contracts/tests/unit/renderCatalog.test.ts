import { renderCatalog, type ContractUsage } from '../../src/tools';
import { ParcelShippedV1, ParcelShippedV2 } from '../helpers/versionedContracts';

const usages: ContractUsage[] = [
  { contract: 'ParcelShipped', version: 2, role: 'publisher', service: 'shipping' },
  {
    contract: 'ParcelShipped',
    version: 2,
    role: 'subscriber',
    service: 'billing',
    channel: 'parcels',
    queue: 'billing-{stage}-parcels',
    dlq: 'billing-{stage}-parcels-dlq',
    pattern: { source: ['mesh.shipping'], 'detail-type': ['ParcelShipped'] },
  },
];

describe('renderCatalog', () => {
  const files = renderCatalog({ title: 'Fixture catalog', contracts: [ParcelShippedV1, ParcelShippedV2], usages });
  const page = files['ParcelShipped.html']!;

  it('writes an index with a search box and one page per contract, all versions on it', () => {
    expect(Object.keys(files).sort()).toEqual(['ParcelShipped.html', 'index.html']);
    expect(files['index.html']).toContain('<input id="search"');
    expect(files['index.html']).toContain('<td>v1, v2</td>');
    expect(page).toContain('id="v1"');
    expect(page).toContain('id="v2"');
  });

  it('says what changed between versions, and that observers of the new one receive the old one upcast', () => {
    const v2 = page.slice(page.indexOf('id="v2"'), page.indexOf('id="v1"'));
    expect(v2).toContain('Changes from v1');
    expect(v2).toContain('<code>data.recipient</code></td><td>type-changed');
    expect(v2).toContain('Observers of v2 also receive v1 events, upcast.');
  });

  it('lists publishers and subscribers with queue, DLQ and rule pattern, escaped', () => {
    expect(page).toContain('<td>billing</td><td>parcels</td><td><code>billing-{stage}-parcels</code></td>');
    expect(page).toContain('<code>billing-{stage}-parcels-dlq</code>');
    expect(page).toContain('{&quot;source&quot;:[&quot;mesh.shipping&quot;]');
    expect(page).not.toContain('"source":["mesh.shipping"]');
  });
});
