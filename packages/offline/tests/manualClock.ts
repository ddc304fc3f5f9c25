import type { Clock, ClockTimer } from '../src/eventbridge';

/** A clock a test moves itself: `advanceTo` fires, in time order, every timer due by then. */
export class ManualClock implements Clock {
  private current: number;
  private readonly timers = new Set<{ at: number; fire: () => void }>();

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  at(at: Date, fire: () => void): ClockTimer {
    const timer = { at: at.getTime(), fire };
    this.timers.add(timer);
    return { cancel: () => this.timers.delete(timer) };
  }

  /** Moves the time to `to`, firing each due timer at its own time (a timer may set the next one). */
  advanceTo(to: Date | string): void {
    const end = new Date(to).getTime();
    for (;;) {
      const due = [...this.timers].filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due);
      this.current = Math.max(this.current, due.at);
      due.fire();
    }
    this.current = end;
  }

  /** Timers waiting. */
  get pending(): number {
    return this.timers.size;
  }
}
