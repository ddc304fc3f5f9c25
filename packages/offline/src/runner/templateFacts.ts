import type { PackagedTemplate } from './packageServiceTemplate';

/* What the runner reads from a service's packaged template: its functions and which APIs it serves. */

/** Each function's template properties, by its deployed name. */
export function functionsOf(template: PackagedTemplate): Map<string, Record<string, unknown>> {
  const functions = new Map<string, Record<string, unknown>>();
  for (const resource of Object.values(template.Resources)) {
    const properties = (resource.Properties ?? {}) as Record<string, unknown>;
    if (resource.Type === 'AWS::Lambda::Function' && typeof properties.FunctionName === 'string')
      functions.set(properties.FunctionName, properties);
  }
  return functions;
}

export function functionNamesOf(template: PackagedTemplate): string[] {
  return [...functionsOf(template).keys()];
}

export function apiKindsOf(template: PackagedTemplate): { http: boolean; websocket: boolean } {
  let http = false;
  let websocket = false;
  for (const resource of Object.values(template.Resources)) {
    const protocol = (resource.Properties as { ProtocolType?: unknown } | undefined)?.ProtocolType;
    if (resource.Type === 'AWS::ApiGateway::RestApi') http = true;
    if (resource.Type === 'AWS::ApiGatewayV2::Api') {
      if (protocol === 'WEBSOCKET') websocket = true;
      else http = true;
    }
  }
  return { http, websocket };
}
