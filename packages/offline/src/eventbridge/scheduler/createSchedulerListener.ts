import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { EventBridgeApiError } from '../errors';
import type { EventBridgeEmulator } from '../EventBridgeEmulator';
import type { RegionState } from '../regionState';
import type { Output } from '../shapes';
import type { Input } from '../validation';
import { SchedulerNotFoundError, SchedulerValidationError } from './errors';
import { armSchedule } from './fireSchedule';
import {
  createSchedule,
  createScheduleGroup,
  deleteSchedule,
  deleteScheduleGroup,
  getSchedule,
  getScheduleGroup,
  listScheduleGroups,
  listSchedules,
  updateSchedule,
} from './schedules';

const SCOPE_REGION = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/scheduler\/aws4_request/;
/** Query parameters by the input field they fill (the API's `@httpQuery` names). */
const QUERY_FIELDS: Record<string, string> = {
  groupName: 'GroupName',
  ScheduleGroup: 'GroupName',
  NamePrefix: 'NamePrefix',
  State: 'State',
  MaxResults: 'MaxResults',
  NextToken: 'NextToken',
};

type Route = (state: RegionState, input: Input) => Output;

function routeOf(method: string, path: string): { route: Route; name?: string } | undefined {
  const [, collection, name, extra] = path.split('/').map(decodeURIComponent);
  if (extra !== undefined) return undefined;
  const arm = (state: RegionState) => (schedule: Parameters<typeof armSchedule>[1]) => armSchedule(state, schedule);
  if (collection === 'schedules') {
    if (name === undefined || name === '') return method === 'GET' ? { route: listSchedules } : undefined;
    const byMethod: Record<string, Route> = {
      POST: (state, input) => createSchedule(state, input, arm(state)),
      PUT: (state, input) => updateSchedule(state, input, arm(state)),
      GET: getSchedule,
      DELETE: deleteSchedule,
    };
    return byMethod[method] ? { route: byMethod[method]!, name } : undefined;
  }
  if (collection === 'schedule-groups') {
    if (name === undefined || name === '') return method === 'GET' ? { route: listScheduleGroups } : undefined;
    const byMethod: Record<string, Route> = {
      POST: createScheduleGroup,
      GET: getScheduleGroup,
      DELETE: deleteScheduleGroup,
    };
    return byMethod[method] ? { route: byMethod[method]!, name } : undefined;
  }
  return undefined;
}

/**
 * An `http.RequestListener` speaking EventBridge Scheduler's REST JSON API (`/schedules/{Name}`,
 * `/schedule-groups/{Name}`), so the AWS SDK's `SchedulerClient` and `aws scheduler` work against the emulator.
 * Each request is served in the region of its SigV4 scope; schedules fire on the emulator's clock.
 *
 * @example
 * edge.setRoute('scheduler', createSchedulerListener(eventBridge));
 */
export function createSchedulerListener(emulator: EventBridgeEmulator): RequestListener {
  return (request, response) => void handle(emulator, request, response);
}

async function handle(emulator: EventBridgeEmulator, request: IncomingMessage, response: ServerResponse) {
  const requestId = randomUUID();
  try {
    const url = new URL(request.url ?? '/', 'http://scheduler');
    const match = routeOf(request.method ?? 'GET', url.pathname);
    if (!match) throw new SchedulerNotFoundError(`No such Scheduler API: ${request.method} ${url.pathname}`);
    const body = await readText(request);
    let input: Input = {};
    if (body.trim()) {
      try {
        input = JSON.parse(body) as Input;
      } catch {
        throw new SchedulerValidationError('Request body is not valid JSON.');
      }
    }
    for (const [param, field] of Object.entries(QUERY_FIELDS)) {
      const value = url.searchParams.get(param);
      if (value !== null) input[field] = field === 'MaxResults' ? Number(value) : value;
    }
    if (match.name !== undefined) input.Name = match.name;
    const region = SCOPE_REGION.exec(String(request.headers.authorization ?? ''))?.[1] ?? emulator.region;
    send(response, 200, match.route(emulator.inRegion(region), input), requestId);
  } catch (error) {
    if (error instanceof EventBridgeApiError)
      send(response, error.statusCode, { Message: error.message }, requestId, error.code);
    else send(response, 500, { Message: String(error) }, requestId, 'InternalServerException');
  }
}

function readText(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, requestId: string, errorType?: string) {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': requestId,
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(payload);
}
