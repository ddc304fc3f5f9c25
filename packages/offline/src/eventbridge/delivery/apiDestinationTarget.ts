import { TargetInvocationError } from '../errors';
import type { ApiDestination, Connection, HttpParameterList, Target } from '../types';

/** AWS gives an API destination 5 seconds to answer. */
const INVOCATION_TIMEOUT_MS = 5_000;
/** Statuses EventBridge retries for an API destination; any other 4xx goes to the dead-letter queue at once. */
const RETRIED = new Set([401, 407, 409, 429]);

interface TargetHttpParameters {
  PathParameterValues?: string[];
  HeaderParameters?: Record<string, string>;
  QueryStringParameters?: Record<string, string>;
}

const pairs = (list: HttpParameterList[keyof HttpParameterList]) =>
  (list ?? []).map(({ Key, Value }): [string, string] => [Key, Value]);

/**
 * Delivers events to API destinations over HTTP, as EventBridge does: the endpoint with its `*` path
 * parameters filled in, the target's and the connection's headers and query parameters, the connection's
 * authorization (Basic, an API key header, or an OAuth client-credentials token fetched from its endpoint),
 * at most `InvocationRateLimitPerSecond` calls a second per destination (later ones wait their turn), and a
 * 5-second timeout. 401, 407, 409, 429, 5xx and network failures are retried by the dispatcher; other
 * answers go to the dead-letter queue.
 */
export class ApiDestinationTargetClient {
  private readonly nextSlot = new Map<string, number>();
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  async invoke(destination: ApiDestination, connection: Connection | undefined, target: Target, input: string) {
    if (!connection || connection.state !== 'AUTHORIZED')
      throw new TargetInvocationError(
        'NO_PERMISSIONS',
        `Connection ${destination.connectionArn} is ${connection ? connection.state : 'deleted'}.`,
        false,
      );
    await this.waitForSlot(destination);
    const params = (target.HttpParameters ?? {}) as TargetHttpParameters;
    const invocation = connection.authParameters.InvocationHttpParameters;
    const values = [...(params.PathParameterValues ?? [])];
    const url = new URL(destination.invocationEndpoint.replace(/\*/g, () => encodeURIComponent(values.shift() ?? '')));
    for (const [key, value] of [
      ...pairs(invocation?.QueryStringParameters),
      ...Object.entries(params.QueryStringParameters ?? {}),
    ])
      url.searchParams.append(key, value);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      ...Object.fromEntries(pairs(invocation?.HeaderParameters)),
      ...params.HeaderParameters,
      ...(await this.authorization(connection)),
    };
    const method = destination.httpMethod;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: input }),
        signal: AbortSignal.timeout(INVOCATION_TIMEOUT_MS),
      });
      await response.arrayBuffer();
    } catch (error) {
      throw new TargetInvocationError(
        'SDK_CLIENT_ERROR',
        `${url.origin} did not answer: ${(error as Error).message}`,
        true,
      );
    }
    if (response.ok) return;
    if (response.status === 401) this.tokens.delete(connection.arn);
    const retried = RETRIED.has(response.status) || response.status >= 500;
    throw new TargetInvocationError(
      response.status === 429 ? 'THROTTLING' : 'SDK_CLIENT_ERROR',
      `${destination.invocationEndpoint} answered ${response.status} ${response.statusText}`,
      retried,
    );
  }

  /** Spaces calls to one destination 1/rate seconds apart. */
  private async waitForSlot(destination: ApiDestination): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(destination.arn) ?? now);
    this.nextSlot.set(destination.arn, slot + 1000 / destination.invocationRateLimitPerSecond);
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }

  private async authorization(connection: Connection): Promise<Record<string, string>> {
    const { BasicAuthParameters, ApiKeyAuthParameters, OAuthParameters } = connection.authParameters;
    if (connection.authorizationType === 'BASIC' && BasicAuthParameters) {
      const { Username, Password = '' } = BasicAuthParameters;
      return { authorization: `Basic ${Buffer.from(`${Username}:${Password}`).toString('base64')}` };
    }
    if (connection.authorizationType === 'API_KEY' && ApiKeyAuthParameters)
      return { [ApiKeyAuthParameters.ApiKeyName]: ApiKeyAuthParameters.ApiKeyValue ?? '' };
    if (connection.authorizationType === 'OAUTH_CLIENT_CREDENTIALS' && OAuthParameters) {
      const cached = this.tokens.get(connection.arn);
      if (cached && cached.expiresAt > Date.now()) return { authorization: `Bearer ${cached.token}` };
      const token = await this.fetchToken(OAuthParameters);
      this.tokens.set(connection.arn, { token: token.token, expiresAt: Date.now() + token.expiresInMs });
      return { authorization: `Bearer ${token.token}` };
    }
    return {};
  }

  private async fetchToken(oauth: NonNullable<Connection['authParameters']['OAuthParameters']>) {
    const { ClientID, ClientSecret = '' } = oauth.ClientParameters;
    const url = new URL(oauth.AuthorizationEndpoint);
    for (const [key, value] of pairs(oauth.OAuthHttpParameters?.QueryStringParameters))
      url.searchParams.append(key, value);
    const body = new URLSearchParams(pairs(oauth.OAuthHttpParameters?.BodyParameters));
    const response = await fetch(url, {
      method: oauth.HttpMethod,
      headers: {
        authorization: `Basic ${Buffer.from(`${ClientID}:${ClientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        ...Object.fromEntries(pairs(oauth.OAuthHttpParameters?.HeaderParameters)),
      },
      ...(oauth.HttpMethod === 'GET' ? {} : { body }),
      signal: AbortSignal.timeout(INVOCATION_TIMEOUT_MS),
    }).catch((error: Error) => {
      throw new TargetInvocationError('SDK_CLIENT_ERROR', `OAuth endpoint did not answer: ${error.message}`, true);
    });
    const answer = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!response.ok || !answer.access_token)
      throw new TargetInvocationError(
        'NO_PERMISSIONS',
        `OAuth endpoint refused the client (${response.status}).`,
        response.status >= 500,
      );
    return { token: answer.access_token, expiresInMs: (answer.expires_in ?? 3600) * 1000 };
  }
}
