/** `serverless package` failed, or wrote no CloudFormation template; the message carries the CLI's output. */
export class ServicePackageError extends Error {
  override readonly name = 'ServicePackageError';
}
