import http, { type RequestListener } from 'node:http';
import { writeAwsError } from '../edge/awsErrorResponse';
import { proxyRequest } from '../edge/proxyRequest';

export interface LambdaRouter {
  /** Mount on the edge as the `lambda` route. */
  listener: RequestListener;
  /** Sends invocations of `functionName` to a serverless-offline Lambda endpoint. */
  addFunction(functionName: string, lambdaEndpoint: string): void;
  /** Names of the routed functions. */
  functions(): string[];
  close(): void;
}

const INVOKE_PATH = /^\/\d{4}-\d\d-\d\d\/functions\/([^/?]+)\/(invocations|invoke-async)/;

/** `my-fn`, `my-fn:live`, or `arn:aws:lambda:us-east-1:000000000000:function:my-fn[:live]` → `my-fn`. */
export function functionNameOf(identifier: string): string {
  const decoded = decodeURIComponent(identifier);
  const arn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(decoded);
  if (arn) return arn[1]!;
  return decoded.split(':')[0]!;
}

/**
 * The edge's Lambda route when every service runs under its own serverless-offline: each `Invoke` is
 * forwarded, by function name, to the Lambda endpoint of the service that owns the function, so EventBridge
 * targets, the AWS SDK and the AWS CLI all invoke through the one edge endpoint.
 *
 * @example
 * const lambda = createLambdaRouter();
 * lambda.addFunction('reminders-dev-loanEvents', 'http://127.0.0.1:43102');
 * edge.setRoute('lambda', lambda.listener);
 */
export function createLambdaRouter(): LambdaRouter {
  const endpoints = new Map<string, string>();
  const agent = new http.Agent({ keepAlive: true });
  const listener: RequestListener = (request, response) => {
    const match = INVOKE_PATH.exec(request.url ?? '');
    if (!match) {
      writeAwsError(request, response, 'lambda', {
        status: 501,
        code: 'NotImplemented',
        message: 'The offline mesh serves Lambda Invoke only (functions run under serverless-offline).',
      });
      return;
    }
    const name = functionNameOf(match[1]!);
    const endpoint = endpoints.get(name);
    if (!endpoint) {
      writeAwsError(request, response, 'lambda', {
        status: 404,
        code: 'ResourceNotFoundException',
        message: `Function not found: ${name} (offline functions: ${[...endpoints.keys()].join(', ') || 'none'})`,
      });
      return;
    }
    proxyRequest(request, response, endpoint, 'lambda', agent);
  };
  return {
    listener,
    addFunction(functionName, lambdaEndpoint) {
      endpoints.set(functionName, lambdaEndpoint);
    },
    functions: () => [...endpoints.keys()],
    close: () => agent.destroy(),
  };
}
