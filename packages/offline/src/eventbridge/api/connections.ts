import { randomUUID } from 'node:crypto';
import { ResourceAlreadyExistsError, ResourceNotFoundError, ValidationError } from '../errors';
import { paginate } from '../pagination';
import type { RegionState } from '../regionState';
import { byName, epochSeconds, optionalField, type Output } from '../shapes';
import type { Connection, ConnectionAuthorizationType, ConnectionAuthParameters, ConnectionState } from '../types';
import {
  constraintError,
  isObject,
  NAME_PATTERNS,
  optionalNumber,
  optionalString,
  requiredString,
  type Input,
} from '../validation';

const AUTHORIZATION_TYPES: readonly ConnectionAuthorizationType[] = ['BASIC', 'API_KEY', 'OAUTH_CLIENT_CREDENTIALS'];
const CONNECTION_STATES: readonly ConnectionState[] = [
  'CREATING',
  'UPDATING',
  'DELETING',
  'AUTHORIZED',
  'DEAUTHORIZED',
  'AUTHORIZING',
  'DEAUTHORIZING',
];

function authorizationTypeOf(input: Input, required: boolean): ConnectionAuthorizationType | undefined {
  const value = required ? requiredString(input, 'AuthorizationType') : optionalString(input, 'AuthorizationType');
  if (value !== undefined && !AUTHORIZATION_TYPES.includes(value as ConnectionAuthorizationType))
    throw constraintError(
      value,
      'authorizationType',
      `Member must satisfy enum value set: [${AUTHORIZATION_TYPES.join(', ')}]`,
    );
  return value as ConnectionAuthorizationType | undefined;
}

/** The parameters the authorization type needs must be there, as AWS requires. */
function authParametersOf(type: ConnectionAuthorizationType, raw: unknown): ConnectionAuthParameters {
  if (!isObject(raw)) throw constraintError(raw, 'authParameters', 'Member must not be null');
  const params = raw as ConnectionAuthParameters;
  const needed = {
    BASIC: ['BasicAuthParameters', params.BasicAuthParameters?.Username && params.BasicAuthParameters.Password],
    API_KEY: [
      'ApiKeyAuthParameters',
      params.ApiKeyAuthParameters?.ApiKeyName && params.ApiKeyAuthParameters.ApiKeyValue,
    ],
    OAUTH_CLIENT_CREDENTIALS: [
      'OAuthParameters',
      params.OAuthParameters?.ClientParameters?.ClientID &&
        params.OAuthParameters.ClientParameters.ClientSecret &&
        params.OAuthParameters.AuthorizationEndpoint &&
        params.OAuthParameters.HttpMethod,
    ],
  } as const;
  const [field, present] = needed[type];
  if (!present) throw new ValidationError(`Parameter AuthParameters.${field} must be specified for ${type}.`);
  return params;
}

/** A connection as DescribeConnection shows it: its secrets left out, as AWS keeps them in Secrets Manager. */
function publicAuthParameters(params: ConnectionAuthParameters): Output {
  const { BasicAuthParameters, ApiKeyAuthParameters, OAuthParameters, InvocationHttpParameters } = params;
  return {
    ...(BasicAuthParameters ? { BasicAuthParameters: { Username: BasicAuthParameters.Username } } : {}),
    ...(ApiKeyAuthParameters ? { ApiKeyAuthParameters: { ApiKeyName: ApiKeyAuthParameters.ApiKeyName } } : {}),
    ...(OAuthParameters
      ? {
          OAuthParameters: {
            ClientParameters: { ClientID: OAuthParameters.ClientParameters.ClientID },
            AuthorizationEndpoint: OAuthParameters.AuthorizationEndpoint,
            HttpMethod: OAuthParameters.HttpMethod,
            ...(OAuthParameters.OAuthHttpParameters
              ? { OAuthHttpParameters: OAuthParameters.OAuthHttpParameters }
              : {}),
          },
        }
      : {}),
    ...(InvocationHttpParameters ? { InvocationHttpParameters } : {}),
  };
}

function summary(connection: Connection): Output {
  return {
    ConnectionArn: connection.arn,
    ConnectionState: connection.state,
    CreationTime: epochSeconds(connection.creationTime),
    LastModifiedTime: epochSeconds(connection.lastModifiedTime),
    ...(connection.lastAuthorizedTime ? { LastAuthorizedTime: epochSeconds(connection.lastAuthorizedTime) } : {}),
  };
}

export function connectionOf(state: RegionState, input: Input): Connection {
  const name = requiredString(input, 'Name', { max: 64, pattern: NAME_PATTERNS.connection });
  const connection = state.connections.get(name);
  if (!connection)
    throw new ResourceNotFoundError(`Failed to describe the connection(s). Connection '${name}' does not exist.`);
  return connection;
}

/** Offline, a connection is authorized at once: no Secrets Manager, and an OAuth token is fetched per call. */
export function createConnection(state: RegionState, input: Input): Output {
  const name = requiredString(input, 'Name', { max: 64, pattern: NAME_PATTERNS.connection });
  const type = authorizationTypeOf(input, true)!;
  const authParameters = authParametersOf(type, input.AuthParameters);
  if (state.connections.has(name)) throw new ResourceAlreadyExistsError(`Connection ${name} already exists.`);
  const now = new Date();
  const connection: Connection = {
    name,
    arn: `arn:aws:events:${state.scope.region}:${state.scope.accountId}:connection/${name}/${randomUUID()}`,
    authorizationType: type,
    authParameters,
    state: 'AUTHORIZED',
    creationTime: now,
    lastModifiedTime: now,
    lastAuthorizedTime: now,
    ...optionalField('description', optionalString(input, 'Description', { max: 512 })),
  };
  state.connections.set(name, connection);
  return summary(connection);
}

export function describeConnection(state: RegionState, input: Input): Output {
  const connection = connectionOf(state, input);
  return {
    Name: connection.name,
    ...(connection.description ? { Description: connection.description } : {}),
    AuthorizationType: connection.authorizationType,
    AuthParameters: publicAuthParameters(connection.authParameters),
    SecretArn: `arn:aws:secretsmanager:${state.scope.region}:${state.scope.accountId}:secret:events!connection/${connection.name}`,
    ...summary(connection),
  };
}

export function listConnections(state: RegionState, input: Input): Output {
  const prefix = optionalString(input, 'NamePrefix', { max: 64 }) ?? '';
  const wanted = optionalString(input, 'ConnectionState');
  if (wanted !== undefined && !CONNECTION_STATES.includes(wanted as ConnectionState))
    throw constraintError(
      wanted,
      'connectionState',
      `Member must satisfy enum value set: [${CONNECTION_STATES.join(', ')}]`,
    );
  const connections = [...state.connections.values()]
    .filter((c) => c.name.startsWith(prefix) && (!wanted || c.state === wanted))
    .sort(byName);
  const { page, nextToken } = paginate(connections, optionalNumber(input, 'Limit'), optionalString(input, 'NextToken'));
  return {
    Connections: page.map((c) => ({ Name: c.name, AuthorizationType: c.authorizationType, ...summary(c) })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

export function updateConnection(state: RegionState, input: Input): Output {
  const connection = connectionOf(state, input);
  const type = authorizationTypeOf(input, false) ?? connection.authorizationType;
  if (input.AuthParameters !== undefined) {
    // An update merges into the kept parameters, so a secret left out stays as it was.
    const merged = { ...connection.authParameters, ...(input.AuthParameters as ConnectionAuthParameters) };
    connection.authParameters = authParametersOf(type, merged);
  } else if (type !== connection.authorizationType) {
    authParametersOf(type, connection.authParameters);
  }
  connection.authorizationType = type;
  const description = optionalString(input, 'Description', { max: 512 });
  if (description !== undefined) connection.description = description;
  connection.lastModifiedTime = new Date();
  connection.state = 'AUTHORIZED';
  connection.lastAuthorizedTime = connection.lastModifiedTime;
  return summary(connection);
}

/** Deauthorized, a connection's API destinations fail their deliveries until it is updated again. */
export function deauthorizeConnection(state: RegionState, input: Input): Output {
  const connection = connectionOf(state, input);
  connection.state = 'DEAUTHORIZED';
  connection.lastModifiedTime = new Date();
  delete connection.lastAuthorizedTime;
  return summary(connection);
}

export function deleteConnection(state: RegionState, input: Input): Output {
  const connection = connectionOf(state, input);
  state.connections.delete(connection.name);
  return { ...summary(connection), ConnectionState: 'DELETING' };
}
