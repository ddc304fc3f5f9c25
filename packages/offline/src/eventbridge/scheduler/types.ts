import type { ClockTimer } from '../clock';

/** EventBridge Scheduler's target: where, with what input, and how failures are retried and dead-lettered. */
export interface SchedulerTarget {
  Arn: string;
  RoleArn: string;
  Input?: string;
  RetryPolicy?: { MaximumEventAgeInSeconds?: number; MaximumRetryAttempts?: number };
  DeadLetterConfig?: { Arn?: string };
  EventBridgeParameters?: { DetailType: string; Source: string };
  SqsParameters?: { MessageGroupId?: string };
  [other: string]: unknown;
}

export interface Schedule {
  name: string;
  groupName: string;
  arn: string;
  description?: string;
  scheduleExpression: string;
  scheduleExpressionTimezone?: string;
  startDate?: Date;
  endDate?: Date;
  state: 'ENABLED' | 'DISABLED';
  flexibleTimeWindow: { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };
  actionAfterCompletion: 'NONE' | 'DELETE';
  target: SchedulerTarget;
  creationDate: Date;
  lastModificationDate: Date;
  /** The pending firing, while the schedule is enabled and has one left. */
  timer?: ClockTimer;
}

export interface ScheduleGroup {
  name: string;
  arn: string;
  creationDate: Date;
  lastModificationDate: Date;
  tags: Map<string, string>;
}

/** One region's Scheduler: its groups (a `default` one always) and their schedules, by `<group>/<name>`. */
export interface SchedulerState {
  groups: Map<string, ScheduleGroup>;
  schedules: Map<string, Schedule>;
}
