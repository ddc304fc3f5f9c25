import { randomUUID } from 'node:crypto';
import { parseArn } from '../arns';
import { ResourceAlreadyExistsError, ResourceNotFoundError } from '../errors';
import { paginate } from '../pagination';
import type { RegionState } from '../regionState';
import { byName, epochSeconds, optionalField, type Output } from '../shapes';
import type { ApiDestination } from '../types';
import {
  constraintError,
  NAME_PATTERNS,
  optionalNumber,
  optionalString,
  requiredString,
  type Input,
} from '../validation';

const HTTP_METHODS = ['POST', 'GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'];
/** AWS's range of InvocationRateLimitPerSecond; 300 when not given. */
const MAX_RATE = 300;

function httpMethodOf(input: Input, required: boolean): string | undefined {
  const method = required ? requiredString(input, 'HttpMethod') : optionalString(input, 'HttpMethod');
  if (method !== undefined && !HTTP_METHODS.includes(method))
    throw constraintError(method, 'httpMethod', `Member must satisfy enum value set: [${HTTP_METHODS.join(', ')}]`);
  return method;
}

/** AWS takes HTTPS endpoints only; offline, plain HTTP is also taken, for local servers. */
function endpointOf(input: Input, required: boolean): string | undefined {
  const endpoint = required
    ? requiredString(input, 'InvocationEndpoint', { max: 2048 })
    : optionalString(input, 'InvocationEndpoint', { min: 1, max: 2048 });
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint))
    throw constraintError(
      endpoint,
      'invocationEndpoint',
      "Member must satisfy regular expression pattern: ^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@\\x26=+$,A-Za-z0-9])+)([).!';/?:,])?$",
    );
  return endpoint;
}

function rateOf(input: Input): number | undefined {
  const rate = optionalNumber(input, 'InvocationRateLimitPerSecond');
  if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE))
    throw constraintError(rate, 'invocationRateLimitPerSecond', `Member must have value between 1 and ${MAX_RATE}`);
  return rate;
}

function connectionArnOf(state: RegionState, arn: string): string {
  const name = parseArn(arn)?.resource.split('/')[1];
  const connection = name ? state.connections.get(name) : undefined;
  if (!connection || connection.arn !== arn) throw new ResourceNotFoundError(`Connection '${arn}' does not exist.`);
  return arn;
}

export function apiDestinationOf(state: RegionState, input: Input): ApiDestination {
  const name = requiredString(input, 'Name', { max: 64, pattern: NAME_PATTERNS.apiDestination });
  const destination = state.apiDestinations.get(name);
  if (!destination)
    throw new ResourceNotFoundError(
      `Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`,
    );
  return destination;
}

function summary(destination: ApiDestination): Output {
  return {
    ApiDestinationArn: destination.arn,
    ApiDestinationState: 'ACTIVE',
    CreationTime: epochSeconds(destination.creationTime),
    LastModifiedTime: epochSeconds(destination.lastModifiedTime),
  };
}

function shape(destination: ApiDestination): Output {
  return {
    Name: destination.name,
    ...(destination.description ? { Description: destination.description } : {}),
    ConnectionArn: destination.connectionArn,
    InvocationEndpoint: destination.invocationEndpoint,
    HttpMethod: destination.httpMethod,
    InvocationRateLimitPerSecond: destination.invocationRateLimitPerSecond,
    ...summary(destination),
  };
}

export function createApiDestination(state: RegionState, input: Input): Output {
  const name = requiredString(input, 'Name', { max: 64, pattern: NAME_PATTERNS.apiDestination });
  const connectionArn = connectionArnOf(state, requiredString(input, 'ConnectionArn', { max: 1600 }));
  const invocationEndpoint = endpointOf(input, true)!;
  const httpMethod = httpMethodOf(input, true)!;
  const rate = rateOf(input) ?? MAX_RATE;
  if (state.apiDestinations.has(name))
    throw new ResourceAlreadyExistsError(`An api-destination '${name}' already exists.`);
  const now = new Date();
  const destination: ApiDestination = {
    name,
    arn: `arn:aws:events:${state.scope.region}:${state.scope.accountId}:api-destination/${name}/${randomUUID()}`,
    connectionArn,
    invocationEndpoint,
    httpMethod,
    invocationRateLimitPerSecond: rate,
    creationTime: now,
    lastModifiedTime: now,
    ...optionalField('description', optionalString(input, 'Description', { max: 512 })),
  };
  state.apiDestinations.set(name, destination);
  return summary(destination);
}

export function describeApiDestination(state: RegionState, input: Input): Output {
  return shape(apiDestinationOf(state, input));
}

export function listApiDestinations(state: RegionState, input: Input): Output {
  const prefix = optionalString(input, 'NamePrefix', { max: 64 }) ?? '';
  const connectionArn = optionalString(input, 'ConnectionArn', { max: 1600 });
  const destinations = [...state.apiDestinations.values()]
    .filter((d) => d.name.startsWith(prefix) && (!connectionArn || d.connectionArn === connectionArn))
    .sort(byName);
  const { page, nextToken } = paginate(
    destinations,
    optionalNumber(input, 'Limit'),
    optionalString(input, 'NextToken'),
  );
  return { ApiDestinations: page.map(shape), ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function updateApiDestination(state: RegionState, input: Input): Output {
  const destination = apiDestinationOf(state, input);
  const connectionArn = optionalString(input, 'ConnectionArn', { max: 1600 });
  if (connectionArn !== undefined) destination.connectionArn = connectionArnOf(state, connectionArn);
  destination.invocationEndpoint = endpointOf(input, false) ?? destination.invocationEndpoint;
  destination.httpMethod = httpMethodOf(input, false) ?? destination.httpMethod;
  destination.invocationRateLimitPerSecond = rateOf(input) ?? destination.invocationRateLimitPerSecond;
  const description = optionalString(input, 'Description', { max: 512 });
  if (description !== undefined) destination.description = description;
  destination.lastModifiedTime = new Date();
  return summary(destination);
}

export function deleteApiDestination(state: RegionState, input: Input): Output {
  const destination = apiDestinationOf(state, input);
  state.apiDestinations.delete(destination.name);
  return {};
}

/** The API destination an `…:api-destination/<name>/<id>` target ARN names, if it still exists. */
export function apiDestinationByArn(state: RegionState, arn: string): ApiDestination | undefined {
  const name = parseArn(arn)?.resource.split('/')[1];
  const destination = name ? state.apiDestinations.get(name) : undefined;
  return destination?.arn === arn ? destination : undefined;
}
