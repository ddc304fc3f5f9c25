/** A cancellable timer of a {@link Clock}. */
export interface ClockTimer {
  cancel(): void;
}

/**
 * The time source of schedules. Tests inject one they advance themselves, so a schedule a minute (or a month)
 * away fires without waiting for it.
 */
export interface Clock {
  now(): Date;
  /** Calls `fire` once `at` has come (at once if it has already). */
  at(at: Date, fire: () => void): ClockTimer;
}

/** Node's timers keep at most about 24.8 days; a later time is reached in hops of this size. */
const MAX_TIMER_MS = 2 ** 30;

/**
 * The real clock: `Date` and Node's timers (unref'ed, so a pending schedule never keeps the process alive).
 *
 * @example
 * systemClock.at(new Date(Date.now() + 60_000), () => console.log('a minute later'));
 */
export const systemClock: Clock = {
  now: () => new Date(),
  at(at, fire) {
    let timer: NodeJS.Timeout;
    const wait = () => {
      const delay = at.getTime() - Date.now();
      if (delay <= 0) return fire();
      timer = setTimeout(wait, Math.min(delay, MAX_TIMER_MS));
      timer.unref();
    };
    wait();
    return { cancel: () => clearTimeout(timer) };
  },
};
