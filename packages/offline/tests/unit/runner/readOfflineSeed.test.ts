import { OfflineSeedError } from '../../../src/runner/errors';
import { readOfflineSeed } from '../../../src/runner/readOfflineSeed';
import type { CloudFormationTemplate } from '../../../src/provision';

const template: CloudFormationTemplate = {
  Resources: {
    LoansTable: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        // RANGE first on purpose: the hash key still comes first.
        KeySchema: [
          { AttributeName: 'sk', KeyType: 'RANGE' },
          { AttributeName: 'pk', KeyType: 'HASH' },
        ],
      },
    },
    Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
  },
};

describe('readOfflineSeed', () => {
  it('reads no seed when the service declares none', () => {
    expect(readOfflineSeed('svc', undefined, template)).toEqual([]);
  });

  it("gives each seeded table's items with its key attributes, hash key first", () => {
    const items = [{ pk: 'A', sk: '1', n: 2 }];
    expect(readOfflineSeed('svc', { LoansTable: items }, template)).toEqual([
      { logicalId: 'LoansTable', keyAttributes: ['pk', 'sk'], items },
    ]);
  });

  it('refuses a seed that is not a map of tables to items', () => {
    expect(() => readOfflineSeed('svc', [{ pk: 'A' }], template)).toThrow(
      new OfflineSeedError("custom.offlineSeed of service svc must map a table's logical id to a list of items"),
    );
    expect(() => readOfflineSeed('svc', { LoansTable: { pk: 'A', sk: '1' } }, template)).toThrow(
      'custom.offlineSeed of service svc: LoansTable must be a list of items',
    );
    expect(() => readOfflineSeed('svc', { LoansTable: ['pk'] }, template)).toThrow(
      'LoansTable[0] is not an item (an object)',
    );
  });

  it('names the tables there are when the seed names something else', () => {
    expect(() => readOfflineSeed('svc', { Queue: [] }, template)).toThrow(
      'custom.offlineSeed of service svc names Queue, which is not a DynamoDB table of its template (its tables: LoansTable)',
    );
    expect(() => readOfflineSeed('svc', { Nope: [] }, template)).toThrow(OfflineSeedError);
  });

  it('refuses an item without every key attribute of its table', () => {
    expect(() => readOfflineSeed('svc', { LoansTable: [{ pk: 'A', sk: '1' }, { pk: 'B' }] }, template)).toThrow(
      'custom.offlineSeed of service svc: LoansTable[1] lacks its key attribute(s) sk',
    );
  });
});
