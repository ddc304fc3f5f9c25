import type { EventBridgeEmulator } from './EventBridgeEmulator';
import type { Input } from './validation';

type Operation = (emulator: EventBridgeEmulator, input: Input) => Record<string, unknown>;

/** The EventBridge API operations the emulator serves, by the name in `X-Amz-Target: AWSEvents.<name>`. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateEventBus: (e, i) => e.createEventBus(i),
  DescribeEventBus: (e, i) => e.describeEventBus(i),
  ListEventBuses: (e, i) => e.listEventBuses(i),
  DeleteEventBus: (e, i) => e.deleteEventBus(i),
  PutRule: (e, i) => e.putRule(i),
  DescribeRule: (e, i) => e.describeRule(i),
  ListRules: (e, i) => e.listRules(i),
  ListRuleNamesByTarget: (e, i) => e.listRuleNamesByTarget(i),
  EnableRule: (e, i) => e.enableRule(i),
  DisableRule: (e, i) => e.disableRule(i),
  DeleteRule: (e, i) => e.deleteRule(i),
  PutTargets: (e, i) => e.putTargets(i),
  ListTargetsByRule: (e, i) => e.listTargetsByRule(i),
  RemoveTargets: (e, i) => e.removeTargets(i),
  PutEvents: (e, i) => e.putEvents(i),
  TestEventPattern: (e, i) => e.testEventPattern(i),
  CreateArchive: (e, i) => e.createArchive(i),
  DescribeArchive: (e, i) => e.describeArchive(i),
  ListArchives: (e, i) => e.listArchives(i),
  UpdateArchive: (e, i) => e.updateArchive(i),
  DeleteArchive: (e, i) => e.deleteArchive(i),
  StartReplay: (e, i) => e.startReplay(i),
  DescribeReplay: (e, i) => e.describeReplay(i),
  ListReplays: (e, i) => e.listReplays(i),
  CancelReplay: (e, i) => e.cancelReplay(i),
};
