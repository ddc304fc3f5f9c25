/** The name of the HTTP API's JWT authorizer (declared in serverless.ts, `provider.httpApi.authorizers`). */
import { JWT_AUTHORIZER } from '@mesh/infra';

/**
 * The Serverless event of one HTTP API route, always behind the JWT authorizer: the one way routes are
 * declared, so none can be left open by accident.
 *
 * @example
 * events: [httpRoute('GET', '/orders/{id}')]
 */
export function httpRoute(method: 'GET' | 'POST', path: string) {
  return { httpApi: { method, path, authorizer: { name: JWT_AUTHORIZER } } };
}
