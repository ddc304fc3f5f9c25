import { CreateEventBusCommand, DescribeEventBusCommand } from '@aws-sdk/client-eventbridge';
import { generatedName } from './physicalNames';
import { errorName, optionalString, type Provisioner } from './provisioner';

/**
 * AWS::Events::EventBus → a bus on the offline EventBridge; an existing bus is kept (rules and archives included).
 * `Ref` is the name; `Fn::GetAtt` gives `Arn` and `Name`.
 */
export const provisionEventBus: Provisioner = async (logicalId, properties, context) => {
  const { events } = context.clients;
  const name = optionalString(properties.Name) ?? generatedName(context.stackName, logicalId, { maxLength: 256 });
  let arn: string | undefined;
  try {
    ({ EventBusArn: arn } = await events.send(
      new CreateEventBusCommand({
        Name: name,
        Description: optionalString(properties.Description),
        EventSourceName: optionalString(properties.EventSourceName),
      }),
    ));
  } catch (error) {
    if (!/ResourceAlreadyExists/.test(errorName(error))) throw error;
    ({ Arn: arn } = await events.send(new DescribeEventBusCommand({ Name: name })));
  }
  return {
    ref: name,
    attributes: { Arn: arn ?? `arn:aws:events:${context.region}:${context.accountId}:event-bus/${name}`, Name: name },
  };
};
