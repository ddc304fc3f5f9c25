import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { generatedName } from './physicalNames';
import { errorName, optionalString, type Provisioner } from './provisioner';

/**
 * AWS::S3::Bucket → a bucket on fauxqs's S3 (its name, or a deterministic one in lower case when the template
 * gives none); an existing bucket is kept with its objects. `Ref` is the name; `Fn::GetAtt` gives `Arn`,
 * `DomainName` and `RegionalDomainName`.
 */
export const provisionS3Bucket: Provisioner = async (logicalId, properties, context) => {
  const name =
    optionalString(properties.BucketName) ??
    generatedName(context.stackName, logicalId, { maxLength: 63, lowerCase: true });
  try {
    await context.clients.s3.send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    if (!/BucketAlreadyOwnedByYou|BucketAlreadyExists/.test(errorName(error))) throw error;
  }
  return {
    ref: name,
    attributes: {
      Arn: `arn:aws:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${context.region}.amazonaws.com`,
    },
  };
};
