import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { writeAwsError } from '../edge/awsErrorResponse';
import { proxyRequest } from '../edge/proxyRequest';
import { functionConfigurationOf, type FunctionConfiguration } from './functionConfiguration';

export interface LambdaRouter {
  /** Mount on the edge as the `lambda` route. */
  listener: RequestListener;
  /**
   * Sends invocations of `functionName` to a serverless-offline Lambda endpoint; `properties` (the template's
   * `AWS::Lambda::Function` properties) are what `GetFunction` and `ListFunctions` answer.
   */
  addFunction(functionName: string, lambdaEndpoint: string, properties?: Record<string, unknown>): void;
  /** Names of the routed functions. */
  functions(): string[];
  close(): void;
}

const INVOKE_PATH = /^\/\d{4}-\d\d-\d\d\/functions\/([^/?]+)\/(invocations|invoke-async)/;
const LIST_PATH = /^\/\d{4}-\d\d-\d\d\/functions\/?$/;
const GET_PATH = /^\/\d{4}-\d\d-\d\d\/functions\/([^/?]+)(\/configuration)?\/?$/;
/** ListFunctions answers at most 50 functions a page, as AWS does. */
const MAX_LIST_ITEMS = 50;

/** `my-fn`, `my-fn:live`, or `arn:aws:lambda:us-east-1:000000000000:function:my-fn[:live]` → `my-fn`. */
export function functionNameOf(identifier: string): string {
  const decoded = decodeURIComponent(identifier);
  const arn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(decoded);
  if (arn) return arn[1]!;
  return decoded.split(':')[0]!;
}

function sendJson(response: ServerResponse, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
}

/**
 * The edge's Lambda route when every service runs under its own serverless-offline: each `Invoke` is
 * forwarded, by function name, to the Lambda endpoint of the service that owns the function, so EventBridge
 * targets, the AWS SDK and the AWS CLI all invoke through the one edge endpoint. `ListFunctions`,
 * `GetFunction` and `GetFunctionConfiguration` answer from the functions' template properties.
 *
 * @example
 * const lambda = createLambdaRouter({ region: 'us-east-1', accountId: '000000000000' });
 * lambda.addFunction('reminders-dev-loanEvents', 'http://127.0.0.1:43102', { Runtime: 'nodejs22.x' });
 * edge.setRoute('lambda', lambda.listener);
 */
export function createLambdaRouter(
  scope: { region: string; accountId: string } = { region: 'us-east-1', accountId: '000000000000' },
): LambdaRouter {
  const endpoints = new Map<string, string>();
  const configurations = new Map<string, FunctionConfiguration>();
  const agent = new http.Agent({ keepAlive: true });

  const notFound = (request: IncomingMessage, response: ServerResponse, name: string) =>
    writeAwsError(request, response, 'lambda', {
      status: 404,
      code: 'ResourceNotFoundException',
      message: `Function not found: arn:aws:lambda:${scope.region}:${scope.accountId}:function:${name}`,
    });

  const list = (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const maxItems = url.searchParams.get('MaxItems');
    const limit = maxItems === null ? MAX_LIST_ITEMS : Number(maxItems);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      writeAwsError(request, response, 'lambda', {
        status: 400,
        code: 'InvalidParameterValueException',
        message: `1 validation error detected: Value '${maxItems}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000`,
      });
      return;
    }
    const marker = url.searchParams.get('Marker') ?? '';
    const names = [...configurations.keys()].sort().filter((name) => name > marker);
    const page = names.slice(0, Math.min(limit, MAX_LIST_ITEMS));
    const more = names.length > page.length;
    sendJson(response, {
      Functions: page.map((name) => configurations.get(name)),
      ...(more ? { NextMarker: page.at(-1) } : {}),
    });
  };

  const listener: RequestListener = (request, response) => {
    const url = new URL(request.url ?? '/', 'http://edge');
    if (request.method === 'GET' && LIST_PATH.test(url.pathname)) return list(request, response, url);
    const read = request.method === 'GET' ? GET_PATH.exec(url.pathname) : null;
    if (read) {
      const name = functionNameOf(read[1]!);
      const configuration = configurations.get(name);
      if (!configuration) return notFound(request, response, name);
      return sendJson(response, read[2] ? configuration : { Configuration: configuration });
    }
    const match = INVOKE_PATH.exec(request.url ?? '');
    if (!match) {
      writeAwsError(request, response, 'lambda', {
        status: 501,
        code: 'NotImplemented',
        message:
          'The offline mesh serves Lambda Invoke, ListFunctions, GetFunction and GetFunctionConfiguration only ' +
          '(functions run under serverless-offline).',
      });
      return;
    }
    const name = functionNameOf(match[1]!);
    const endpoint = endpoints.get(name);
    if (!endpoint) return notFound(request, response, name);
    proxyRequest(request, response, endpoint, 'lambda', agent);
  };
  return {
    listener,
    addFunction(functionName, lambdaEndpoint, properties = {}) {
      endpoints.set(functionName, lambdaEndpoint);
      configurations.set(functionName, functionConfigurationOf({ ...properties, FunctionName: functionName }, scope)!);
    },
    functions: () => [...endpoints.keys()],
    close: () => agent.destroy(),
  };
}
