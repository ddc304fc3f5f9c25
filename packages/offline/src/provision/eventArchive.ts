import { CreateArchiveCommand, DescribeArchiveCommand, UpdateArchiveCommand } from '@aws-sdk/client-eventbridge';
import { generatedName } from './physicalNames';
import { errorName, jsonText, optionalString, type Provisioner } from './provisioner';

/**
 * AWS::Events::Archive → an archive of a bus on the offline EventBridge; an existing one gets the template's
 * pattern, description and retention (its events are kept). `Ref` is the name; `Fn::GetAtt` gives `Arn`.
 */
export const provisionEventArchive: Provisioner = async (logicalId, properties, context) => {
  const { events } = context.clients;
  const name = optionalString(properties.ArchiveName) ?? generatedName(context.stackName, logicalId, { maxLength: 48 });
  const settings = {
    ArchiveName: name,
    Description: optionalString(properties.Description),
    EventPattern: jsonText(properties.EventPattern),
    RetentionDays: properties.RetentionDays === undefined ? undefined : Number(properties.RetentionDays),
  };
  let arn: string | undefined;
  try {
    ({ ArchiveArn: arn } = await events.send(
      new CreateArchiveCommand({ ...settings, EventSourceArn: optionalString(properties.SourceArn) }),
    ));
  } catch (error) {
    if (!/ResourceAlreadyExists/.test(errorName(error))) throw error;
    await events.send(new UpdateArchiveCommand(settings));
    ({ ArchiveArn: arn } = await events.send(new DescribeArchiveCommand({ ArchiveName: name })));
  }
  return { ref: name, attributes: { Arn: arn ?? '' } };
};
