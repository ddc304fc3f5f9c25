import type { EventInfo } from '../meshRepo';
import { camelCase, constantCase, kebabCase, pascalCase } from '../names';

/** The names a new service's files are written with, all derived from its kebab-case name. */
export interface ServiceContext {
  service: string;
  /** `ParcelTracking`: its store class, table resource and errors. */
  pascal: string;
  /** `parcelTracking`: its dependencies function. */
  camel: string;
  /** `PARCEL_TRACKING`: its table's environment variable prefix. */
  constant: string;
  /** The root package's licence, which every workspace repeats. */
  license: string;
}

/** A subscriber's names and the events it observes. */
export interface SubscriberContext {
  service: string;
  /** camelCase: the function's key, folder and binding. */
  name: string;
  /** kebab-case: the subscription's name, in its queue's name. */
  kebab: string;
  events: readonly EventInfo[];
}

/** The context of service `service`. */
export function serviceContext(service: string, license: string): ServiceContext {
  return {
    service,
    pascal: pascalCase(service),
    camel: camelCase(service),
    constant: constantCase(service),
    license,
  };
}

/** The context of subscriber `name` of `service`, observing `events`. */
export function subscriberContext(service: string, name: string, events: readonly EventInfo[]): SubscriberContext {
  return { service, name, kebab: kebabCase(name), events };
}

/** `on<Event>`: an observer's name, its file's and its binding's. */
export const observerName = (event: EventInfo) => `on${event.name}`;

/** The import list of the events, e.g. `ParcelShipped, ParcelLost`. */
export const eventList = (events: readonly EventInfo[]) => events.map((e) => e.name).join(', ');
