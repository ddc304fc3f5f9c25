import { JWT_AUTHORIZER, tableAccess } from '@mesh/infra';
export const putStockFunction = {
  handler: 'src/functions/putStock/handler.handler',
  description: 'Sets the units on hand of a SKU (admin only).',
  // Under API Gateway's 30 s integration limit.
  timeout: 10,
  events: [
    {
      httpApi: {
        method: 'PUT',
        path: '/stock/{sku}',
        // The gateway refuses a token without the admin scope; the handler checks it again.
        authorizer: { name: JWT_AUTHORIZER, scopes: ['admin'] },
      },
    },
  ],
  // A conditional create or update of the SKU's stock item; it publishes nothing.
  touches: [
    tableAccess('InventoryTable', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], {
      leadingKeys: ['STOCK#*'],
      sid: 'CountStock',
    }),
  ],
};
