import { JWT_AUTHORIZER, tableAccess } from '@mesh/infra';
export const getStockFunction = {
  handler: 'src/functions/getStock/handler.handler',
  description: 'Reads the stock of a SKU (any authenticated caller).',
  // Under API Gateway's 30 s integration limit.
  timeout: 10,
  events: [{ httpApi: { method: 'GET', path: '/stock/{sku}', authorizer: { name: JWT_AUTHORIZER } } }],
  touches: [tableAccess('InventoryTable', ['dynamodb:GetItem'], { leadingKeys: ['STOCK#*'], sid: 'ReadStock' })],
};
