import { createArchive, deleteArchive, describeArchive, listArchives, updateArchive } from './api/archives';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from './api/buses';
import { putEvents, testEventPattern } from './api/events';
import { cancelReplay, describeReplay, listReplays, startReplay } from './api/replays';
import {
  deleteRule,
  describeRule,
  disableRule,
  enableRule,
  listRuleNamesByTarget,
  listRules,
  putRule,
} from './api/rules';
import { listTargetsByRule, putTargets, removeTargets } from './api/targets';
import {
  createApiDestination,
  deleteApiDestination,
  describeApiDestination,
  listApiDestinations,
  updateApiDestination,
} from './api/apiDestinations';
import {
  createConnection,
  deauthorizeConnection,
  deleteConnection,
  describeConnection,
  listConnections,
  updateConnection,
} from './api/connections';
import { putPermission, removePermission } from './api/permissions';
import { listTagsForResource, tagResource, untagResource } from './api/tags';
import type { RegionState } from './regionState';
import type { Output } from './shapes';
import type { Input } from './validation';

/** One API operation of one region: AWS's JSON input in, AWS's JSON output out (or a named API error). */
export type Operation = (state: RegionState, input: Input) => Output;

/** The EventBridge API operations the emulator serves, by the name in `X-Amz-Target: AWSEvents.<name>`. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateEventBus: createEventBus,
  DescribeEventBus: describeEventBus,
  ListEventBuses: listEventBuses,
  DeleteEventBus: deleteEventBus,
  PutRule: putRule,
  DescribeRule: describeRule,
  ListRules: listRules,
  ListRuleNamesByTarget: listRuleNamesByTarget,
  EnableRule: enableRule,
  DisableRule: disableRule,
  DeleteRule: deleteRule,
  PutTargets: putTargets,
  ListTargetsByRule: listTargetsByRule,
  RemoveTargets: removeTargets,
  PutEvents: putEvents,
  TestEventPattern: testEventPattern,
  CreateArchive: createArchive,
  DescribeArchive: describeArchive,
  ListArchives: listArchives,
  UpdateArchive: updateArchive,
  DeleteArchive: deleteArchive,
  StartReplay: startReplay,
  DescribeReplay: describeReplay,
  ListReplays: listReplays,
  CancelReplay: cancelReplay,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  PutPermission: putPermission,
  RemovePermission: removePermission,
  CreateConnection: createConnection,
  DescribeConnection: describeConnection,
  ListConnections: listConnections,
  UpdateConnection: updateConnection,
  DeleteConnection: deleteConnection,
  DeauthorizeConnection: deauthorizeConnection,
  CreateApiDestination: createApiDestination,
  DescribeApiDestination: describeApiDestination,
  ListApiDestinations: listApiDestinations,
  UpdateApiDestination: updateApiDestination,
  DeleteApiDestination: deleteApiDestination,
};
