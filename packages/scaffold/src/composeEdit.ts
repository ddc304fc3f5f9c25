import { isMap, parseDocument, type Scalar, type YAMLMap } from 'yaml';
import { UnexpectedSourceError } from './errors';

/** The param every service of the mesh takes from the bus service, and its value when no service shows one. */
const BUS_PARAM = 'eventBusName';
const BUS_PARAM_DEFAULT = '${bus.EventBusName}';

/**
 * Adds `service` (at `services/<service>`) to a `serverless-compose.yml` text, with the event bus param the
 * other services take (copied from them, so it names whatever service owns the bus), keeping the file's
 * comments. Returns the new text.
 *
 * @example
 * addComposeService(text, 'lending'); // … lending: { path: services/lending, params: { eventBusName: ${bus.EventBusName} } }
 */
export function addComposeService(text: string, service: string, file = 'serverless-compose.yml'): string {
  const doc = parseDocument(text);
  const services = doc.get('services');
  if (!isMap(services)) throw new UnexpectedSourceError(file, 'expected a `services:` map');
  const busParam = (services as YAMLMap).items
    .map((pair) => (isMap(pair.value) ? pair.value.getIn(['params', BUS_PARAM]) : undefined))
    .find((value): value is string => typeof value === 'string');
  const pair = doc.createPair(service, {
    path: `services/${service}`,
    params: { [BUS_PARAM]: busParam ?? BUS_PARAM_DEFAULT },
  });
  (pair.key as Scalar).spaceBefore = true;
  (services as YAMLMap).items.push(pair);
  return doc.toString();
}
