import { randomBytes } from 'node:crypto';
import {
  CancelReplayCommand,
  DescribeArchiveCommand,
  DescribeReplayCommand,
  ListRulesCommand,
  StartReplayCommand,
  type EventBridgeClient,
  type ReplayState,
} from '@aws-sdk/client-eventbridge';
import { UsageError } from '@mesh/cli';
import type { OpsCommand } from './context';
import { progressBar } from '@mesh/cli';
import { untilSignal } from '@mesh/cli';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const FINAL_STATES: readonly string[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

/** The archive of a stage's bus (services/bus: `mesh-${sls:stage}-all`). */
export const archiveName = (stage: string): string => `mesh-${stage}-all`;

/**
 * Reads a point in time of `--from` / `--to`: `now`, an ISO-8601 date-time (`2026-11-25T14:00:00Z`), or a
 * duration before `now` (`90s`, `15m`, `1h`, `2d`, `1w`). Anything else throws {@link UsageError}.
 *
 * @example
 * parseTimeArg('1h', '--from', new Date('2026-11-25T15:00:00Z')); // → 2026-11-25T14:00:00.000Z
 */
export function parseTimeArg(raw: string, flag: string, now: Date): Date {
  const text = raw.trim();
  if (text === 'now') return new Date(now);
  const relative = /^(\d+)\s*([smhdw])$/.exec(text);
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNITS[relative[2]!]!);
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    const date = new Date(text);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new UsageError(
    `${flag} must be now, an ISO-8601 date-time (2026-11-25T14:00:00Z) or a time ago (15m, 1h, 2d), not "${raw}"`,
  );
}

export interface ReplayRequest {
  archive: string;
  from: Date;
  to: Date;
  /** Replay only to these rules of the bus (names, or a part only one rule's name has); every rule by default. */
  rules?: readonly string[];
  /** A name for the replay; `mesh-replay-<time>-<random>` by default. */
  name?: string;
  /** Aborting cancels the replay (CancelReplay), then waits for it to stop. */
  signal?: AbortSignal;
  /** Told once the replay started. */
  onStart?: (replayName: string) => void;
  /** Told of each DescribeReplay: how far into the window it got. */
  onProgress?: (state: string, replayedMs: number, windowMs: number) => void;
  /** Time between DescribeReplay calls; 1 s by default. */
  pollMs?: number;
}

export interface ReplayOutcome {
  replayName: string;
  replayArn: string;
  state: string;
  stateReason?: string;
  archive: string;
  eventBusName: string;
  from: string;
  to: string;
  /** The names of the rules it replayed to; every rule of the bus when absent. */
  rules?: string[];
  /** Milliseconds from StartReplay to a final state. */
  tookMs: number;
  /** True when the replay was cancelled on our request (Ctrl-C). */
  cancelledByUs: boolean;
}

/** `--rule` names a rule that does not exist on the bus, or matches several. */
export class RuleNotFoundError extends Error {
  override readonly name = 'RuleNotFoundError';
}

/**
 * A rule of the bus by its name or, since CloudFormation generates rule names
 * (`mesh-reminders-dev-LoanEventsRule-1A2B3C`), by a part of it that only one rule's name contains
 * (case-insensitive). None or several throw {@link RuleNotFoundError} listing the candidates.
 */
export async function resolveRule(
  eventBridge: EventBridgeClient,
  busName: string,
  rule: string,
): Promise<{ name: string; arn: string }> {
  const names: { name: string; arn: string }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await eventBridge.send(new ListRulesCommand({ EventBusName: busName, NextToken: nextToken }));
    for (const found of page.Rules ?? []) names.push({ name: found.Name ?? '', arn: found.Arn ?? '' });
    nextToken = page.NextToken;
  } while (nextToken);
  const exact = names.find((candidate) => candidate.name === rule);
  if (exact) return exact;
  const partial = names.filter((candidate) => candidate.name.toLowerCase().includes(rule.toLowerCase()));
  if (partial.length === 1) return partial[0]!;
  throw new RuleNotFoundError(
    partial.length === 0
      ? `no rule of ${busName} is named "${rule}" or has it in its name (its rules: ${names.map((n) => n.name).join(', ') || 'none'})`
      : `${partial.length} rules of ${busName} have "${rule}" in their name (${partial.map((n) => n.name).join(', ')}); give one whole name`,
  );
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Replays a time window of a bus's archive (StartReplay), to every rule of the bus or to `rules` only (AWS's
 * `Destination.FilterArns`), and polls DescribeReplay until it is COMPLETED, FAILED or CANCELLED. Aborting
 * `signal` cancels it (CancelReplay). A missing archive or rule throws the SDK's ResourceNotFoundException.
 *
 * @example
 * const outcome = await replayArchive(eventBridge, { archive: 'mesh-dev-all', from: new Date(Date.now() - 3_600_000), to: new Date() });
 * console.log(outcome.state); // COMPLETED
 */
export async function replayArchive(eventBridge: EventBridgeClient, request: ReplayRequest): Promise<ReplayOutcome> {
  const archive = await eventBridge.send(new DescribeArchiveCommand({ ArchiveName: request.archive }));
  const busArn = archive.EventSourceArn!;
  const busName = busArn.split('/').at(-1) ?? busArn;
  const rules = request.rules?.length
    ? await Promise.all(request.rules.map((rule) => resolveRule(eventBridge, busName, rule)))
    : undefined;
  const filterArns = rules?.map((rule) => rule.arn);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const replayName = request.name ?? `mesh-replay-${stamp}-${randomBytes(3).toString('hex')}`;
  const started = Date.now();
  const { ReplayArn } = await eventBridge.send(
    new StartReplayCommand({
      ReplayName: replayName,
      Description: `mesh replay of ${request.archive}`,
      EventSourceArn: archive.ArchiveArn,
      EventStartTime: request.from,
      EventEndTime: request.to,
      Destination: { Arn: busArn, ...(filterArns ? { FilterArns: filterArns } : {}) },
    }),
  );
  request.onStart?.(replayName);
  const windowMs = request.to.getTime() - request.from.getTime();
  let cancelledByUs = false;
  let state: ReplayState | string;
  let stateReason: string | undefined;
  for (;;) {
    if (request.signal?.aborted && !cancelledByUs) {
      cancelledByUs = true;
      try {
        await eventBridge.send(new CancelReplayCommand({ ReplayName: replayName }));
      } catch (error) {
        // It ended meanwhile (IllegalStatusException): its final state tells what happened.
        if ((error as Error).name !== 'IllegalStatusException') throw error;
        cancelledByUs = false;
      }
    }
    const replay = await eventBridge.send(new DescribeReplayCommand({ ReplayName: replayName }));
    state = replay.State ?? 'STARTING';
    stateReason = replay.StateReason;
    const last = replay.EventLastReplayedTime?.getTime();
    const replayedMs = state === 'COMPLETED' ? windowMs : last ? Math.max(0, last - request.from.getTime()) : 0;
    request.onProgress?.(state, Math.min(replayedMs, windowMs), windowMs);
    if (FINAL_STATES.includes(state)) break;
    await sleep(request.pollMs ?? 1_000, cancelledByUs ? undefined : request.signal);
  }
  return {
    replayName,
    replayArn: ReplayArn ?? '',
    state,
    ...(stateReason ? { stateReason } : {}),
    archive: request.archive,
    eventBusName: busName,
    from: request.from.toISOString(),
    to: request.to.toISOString(),
    ...(rules ? { rules: rules.map((rule) => rule.name) } : {}),
    tookMs: Date.now() - started,
    cancelledByUs: cancelledByUs && state === 'CANCELLED',
  };
}

export const replayCommand: OpsCommand = {
  name: 'replay',
  summary: "replay a time window of the bus's archive (Ctrl-C cancels)",
  usage: 'replay --from <time> [--to <time>] [--rule <name>[,<name>…]] [--archive <name>]',
  description: `Replays the events archived between --from and --to (the archive mesh-<stage>-all that services/bus
declares, or --archive) back onto their bus with StartReplay, then follows DescribeReplay with a progress bar
until the replay is COMPLETED, FAILED or CANCELLED. Ctrl-C (or SIGTERM) cancels it with CancelReplay.
Times: now, an ISO-8601 date-time (2026-11-25T14:00:00Z), or a time ago (90s, 15m, 1h, 2d, 1w); --to is now by
default.

A replay goes to rules, not to a pattern: AWS replays an archive to every rule of the bus, or only to the rules
named in the replay's Destination.FilterArns. --rule <name> (a comma-separated list for several) replays to those
rules only, so only their targets see the events again; there is no --pattern. A rule is its name or a part of
it only one rule of the bus has (CloudFormation generates the names, e.g. --rule OrderLifecycle). Replayed events carry
"replay-name"; subscribers are idempotent on detail.eventId, so a replay changes nothing twice.
Exit 0 when COMPLETED, 1 when FAILED or CANCELLED.`,
  args: [],
  flags: [
    { name: 'from', kind: 'string', value: '<time>', description: 'start of the window: ISO-8601 or a time ago (1h)' },
    {
      name: 'to',
      kind: 'string',
      value: '<time>',
      description: 'end of the window: ISO-8601, a time ago, or now (default)',
    },
    {
      name: 'rule',
      kind: 'string',
      value: '<name,…>',
      description: "replay to these rules only (AWS's FilterArns); a unique part of a name will do",
    },
    { name: 'archive', kind: 'string', value: '<name>', description: 'the archive; mesh-<stage>-all by default' },
  ],
  remote: true,
  async run(ctx, _args, flags) {
    if (flags.from === undefined) throw new UsageError('replay needs --from (e.g. --from 1h)');
    const now = new Date();
    const from = parseTimeArg(String(flags.from), '--from', now);
    const to = flags.to === undefined ? now : parseTimeArg(String(flags.to), '--to', now);
    if (from.getTime() >= to.getTime()) {
      throw new UsageError(`--from (${from.toISOString()}) must be before --to (${to.toISOString()})`);
    }
    if (to.getTime() > now.getTime()) throw new UsageError(`--to (${to.toISOString()}) is in the future`);
    const rules =
      flags.rule !== undefined
        ? String(flags.rule)
            .split(',')
            .map((rule) => rule.trim())
            .filter(Boolean)
        : undefined;
    if (rules?.length === 0) throw new UsageError('--rule needs at least one rule name');
    const archive = flags.archive !== undefined ? String(flags.archive) : archiveName(ctx.stage);
    const progress = progressBar(ctx.io.err, 'seconds replayed');
    const watch = untilSignal();
    let outcome: ReplayOutcome;
    try {
      outcome = await replayArchive(ctx.eventBridge, {
        archive,
        from,
        to,
        ...(rules ? { rules } : {}),
        signal: watch.signal,
        onStart: (replayName) => {
          if (ctx.json) return;
          ctx.io.err.write(
            `Replay ${replayName} of ${archive} from ${from.toISOString()} to ${to.toISOString()} to ` +
              `${rules ? `rule(s) ${rules.join(', ')}` : 'every rule of its bus'} started (Ctrl-C cancels)…\n`,
          );
        },
        onProgress: (_state, replayedMs, windowMs) =>
          progress.update(Math.round(replayedMs / 1000), Math.round(windowMs / 1000)),
      });
    } finally {
      watch.dispose();
      progress.end();
    }
    if (ctx.json) {
      ctx.io.out.write(`${JSON.stringify(outcome, null, 2)}\n`);
    } else {
      const why = outcome.stateReason ? `: ${outcome.stateReason}` : '';
      ctx.io.out.write(
        `replay ${outcome.replayName} ${outcome.state}${outcome.cancelledByUs ? ' (cancelled on request)' : ''}` +
          `${why} in ${outcome.tookMs} ms\n`,
      );
    }
    return outcome.state === 'COMPLETED' ? 0 : 1;
  },
};
