import { publishesAs, subscriptionTrigger, tableAccess } from '@mesh/infra';
import { inventoryCommands } from '../../declarations';

export const commandsFunction = {
  handler: 'src/functions/commands/handler.handler',
  description: 'Reserves and releases order stock from the FIFO command queue, one order at a time.',
  events: [subscriptionTrigger(inventoryCommands)],
  touches: [
    // Transactions need the item actions they contain; DeleteItem is Powertools' idempotency cleanup on failure.
    tableAccess('InventoryTable', [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]),
    publishesAs('mesh.inventory'),
  ],
};
