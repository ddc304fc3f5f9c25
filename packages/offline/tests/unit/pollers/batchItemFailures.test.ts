import { failedItemIds, InvalidBatchResponseError, toSqsRecord } from '../../../src/pollers';

const batch = new Set(['m-1', 'm-2']);

describe('failedItemIds', () => {
  it.each([undefined, null, {}, { batchItemFailures: [] }, { batchItemFailures: null }, { statusCode: 200 }])(
    'reads %j as a complete success',
    (response) => expect(failedItemIds(response, batch)).toEqual(new Set()),
  );

  it('returns the reported identifiers', () => {
    expect(failedItemIds({ batchItemFailures: [{ itemIdentifier: 'm-2' }] }, batch)).toEqual(new Set(['m-2']));
  });

  it.each([
    ['an identifier not in the batch', { batchItemFailures: [{ itemIdentifier: 'm-9' }] }],
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null identifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a wrong key', { batchItemFailures: [{ id: 'm-1' }] }],
    ['a list that is not a list', { batchItemFailures: 'm-1' }],
    ['a response that is not an object', 'ok'],
  ])('fails the whole batch on %s', (_, response) => {
    expect(() => failedItemIds(response, batch)).toThrow(InvalidBatchResponseError);
  });
});

describe('toSqsRecord', () => {
  it("maps a FIFO message to Lambda's record, attributes in camelCase and binaries in base64", () => {
    const record = toSqsRecord(
      {
        MessageId: 'm-1',
        ReceiptHandle: 'r-1',
        Body: 'hi',
        MD5OfBody: 'md5',
        Attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1700000000000',
          SenderId: '000000000000',
          ApproximateFirstReceiveTimestamp: '1700000000001',
          MessageGroupId: 'g',
          MessageDeduplicationId: 'd',
          SequenceNumber: '1',
        },
        MessageAttributes: {
          list: { DataType: 'String', StringListValues: ['a'], BinaryListValues: [Uint8Array.from([1])] },
        },
      },
      'arn:aws:sqs:us-east-1:000000000000:jobs.fifo',
      'us-east-1',
    );
    expect(record).toEqual({
      messageId: 'm-1',
      receiptHandle: 'r-1',
      body: 'hi',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1700000000000',
        SenderId: '000000000000',
        ApproximateFirstReceiveTimestamp: '1700000000001',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd',
        SequenceNumber: '1',
      },
      messageAttributes: { list: { stringListValues: ['a'], binaryListValues: ['AQ=='], dataType: 'String' } },
      md5OfBody: 'md5',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:jobs.fifo',
      awsRegion: 'us-east-1',
    });
  });
});
