import type { _Record as StreamsRecord } from '@aws-sdk/client-dynamodb-streams';
import { toLambdaRecord } from '../../../src/dynamodb';

const arn = 'arn:aws:dynamodb:ddblocal:000000000000:table/loans/stream/2026-01-01T00:00:00.000';

describe('toLambdaRecord', () => {
  it("gives the record Lambda's shape: epoch seconds, base64 binaries, aws:dynamodb source, the stream ARN", () => {
    const record: StreamsRecord = {
      eventID: 'e-1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2026-01-01T00:00:01.900Z'),
        Keys: { pk: { S: 'order#1' } },
        NewImage: {
          pk: { S: 'order#1' },
          blob: { B: Uint8Array.from([1, 2, 3]) },
          nested: { M: { tags: { L: [{ S: 'a' }, { BS: [Uint8Array.from([255])] }] } } },
        },
        OldImage: { pk: { S: 'order#1' }, total: { N: '12' }, gone: { NULL: true }, ok: { BOOL: false } },
        SequenceNumber: '000100',
        SizeBytes: 42,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };

    expect(toLambdaRecord(record, arn)).toEqual({
      eventID: 'e-1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      eventSourceARN: arn,
      dynamodb: {
        ApproximateCreationDateTime: 1767225601,
        Keys: { pk: { S: 'order#1' } },
        NewImage: {
          pk: { S: 'order#1' },
          blob: { B: 'AQID' },
          nested: { M: { tags: { L: [{ S: 'a' }, { BS: ['/w=='] }] } } },
        },
        OldImage: { pk: { S: 'order#1' }, total: { N: '12' }, gone: { NULL: true }, ok: { BOOL: false } },
        SequenceNumber: '000100',
        SizeBytes: 42,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });

  it('lets the caller name the region, since DynamoDB Local reports its own', () => {
    expect(toLambdaRecord({ eventName: 'INSERT', awsRegion: 'ddblocal' }, arn, 'eu-west-1').awsRegion).toBe(
      'eu-west-1',
    );
  });
});
