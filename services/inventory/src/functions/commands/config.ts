import { deadLetterEnvironment, subscriptionTrigger } from '@mesh/infra';
import { inventoryCommands } from '../../commandChannel';

export const commandsFunction = {
  handler: 'src/functions/commands/handler.handler',
  description: 'Reserves and releases order stock from the FIFO command queue, one order at a time.',
  events: [subscriptionTrigger(inventoryCommands)],
  environment: deadLetterEnvironment(inventoryCommands),
};
