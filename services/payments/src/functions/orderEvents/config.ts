import { bucketAccess, publishesAs, subscriptionTrigger, tableAccess } from '@mesh/infra';
import { orderEvents } from '../../declarations';

export const orderEventsFunction = {
  handler: 'src/functions/orderEvents/handler.handler',
  description:
    'Captures each order payment once its stock is reserved (receipt to S3); voids or refunds cancelled orders.',
  events: [subscriptionTrigger(orderEvents)],
  touches: [
    // Payments: get, conditional put. Idempotency records: get, put, update, delete on failure.
    tableAccess('PaymentsTable', [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]),
    bucketAccess('ReceiptsBucket', ['s3:PutObject'], 'receipts/'),
    // It may speak only as itself on the bus.
    publishesAs('mesh.payments'),
  ],
};
