import type { ProvisionResult } from '../provision';

/**
 * What `Ref` and `Fn::GetAtt` of each provisioned resource stand for offline, keyed as the serverless-offline
 * preload reads them (`Ref:<LogicalId>`, `GetAtt:<LogicalId>.<Attribute>`), so that a function environment
 * such as `REMINDERS_TABLE: { Ref: 'RemindersTable' }` gets the table's name, as on AWS.
 *
 * @example
 * offlineReferences(provisioned, 'us-east-1', '000000000000');
 * // → { 'Ref:RemindersTable': 'reminders-dev', 'GetAtt:RemindersTable.Arn': 'arn:aws:dynamodb:…' }
 */
export function offlineReferences(
  provisioned: Pick<ProvisionResult, 'created'>,
  region: string,
  accountId: string,
): Record<string, string> {
  const references: Record<string, string> = {};
  for (const { logicalId, type, physicalId } of provisioned.created) {
    references[`Ref:${logicalId}`] = physicalId;
    const set = (attribute: string, value: string) => {
      references[`GetAtt:${logicalId}.${attribute}`] = value;
    };
    switch (type) {
      case 'AWS::SQS::Queue': {
        // Ref of a queue is its URL; its name is the URL's last segment.
        const name = physicalId.split('/').pop() ?? physicalId;
        set('Arn', `arn:aws:sqs:${region}:${accountId}:${name}`);
        set('QueueName', name);
        set('QueueUrl', physicalId);
        break;
      }
      case 'AWS::DynamoDB::Table':
        set('Arn', `arn:aws:dynamodb:${region}:${accountId}:table/${physicalId}`);
        break;
      case 'AWS::Events::EventBus':
        set('Arn', `arn:aws:events:${region}:${accountId}:event-bus/${physicalId}`);
        set('Name', physicalId);
        break;
      case 'AWS::S3::Bucket':
        set('Arn', `arn:aws:s3:::${physicalId}`);
        break;
      default:
        break;
    }
  }
  return references;
}
