import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { functionOf, type ParsedArn } from '../arns';
import { TargetInvocationError } from '../errors';
import { OFFLINE_CREDENTIALS } from './sqsTarget';

/**
 * Invokes Lambda functions named by ARN asynchronously (InvocationType `Event`, as EventBridge does) on the
 * configured Lambda endpoint: serverless-offline's offline, where functions are addressed by name.
 */
export class LambdaTargetClient {
  private readonly clients = new Map<string, LambdaClient>();

  constructor(private readonly endpoint: string) {}

  async invoke(arn: ParsedArn, payload: string): Promise<void> {
    const { name, qualifier } = functionOf(arn);
    const response = await this.client(arn.region).send(
      new InvokeCommand({
        FunctionName: name,
        InvocationType: 'Event',
        Payload: Buffer.from(payload, 'utf8'),
        ...(qualifier ? { Qualifier: qualifier } : {}),
      }),
    );
    if (response.FunctionError)
      throw new TargetInvocationError('SDK_CLIENT_ERROR', `Function error: ${response.FunctionError}`, true);
  }

  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private client(region: string): LambdaClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new LambdaClient({
        endpoint: this.endpoint,
        region: region || 'us-east-1',
        credentials: OFFLINE_CREDENTIALS,
        maxAttempts: 1,
      });
      this.clients.set(region, client);
    }
    return client;
  }
}
