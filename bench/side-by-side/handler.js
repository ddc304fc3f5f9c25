// The one subscriber both sides run: it writes one row per event to DynamoDB (run + id), nothing else, so
// the benchmark measures the plumbing (EventBridge, SQS, the poller, serverless-offline), not the handler.
// Plain CommonJS: serverless-offline loads it as is on both sides, no bundler in the way.
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');

// AWS_ENDPOINT_URL (set by the benchmark) points the client at the offline edge.
const dynamo = new DynamoDBClient({});

async function record(detail) {
  await dynamo.send(
    new PutItemCommand({
      TableName: process.env.SIDE_BY_SIDE_TABLE,
      Item: { run: { S: String(detail.run) }, id: { S: String(detail.id) } },
    }),
  );
}

/** SQS trigger: the body is an EventBridge event (ours: the rule's delivery; theirs: sent as such). */
exports.sqs = async (event) => {
  const batchItemFailures = [];
  await Promise.all(
    event.Records.map(async (message) => {
      try {
        await record(JSON.parse(message.body).detail);
      } catch (error) {
        console.error(error);
        batchItemFailures.push({ itemIdentifier: message.messageId });
      }
    }),
  );
  return { batchItemFailures };
};

/** EventBridge trigger (serverless-offline-aws-eventbridge invokes the function with the event itself). */
exports.eventBridge = async (event) => {
  await record(event.detail);
};
