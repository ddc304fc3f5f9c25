export interface Progress {
  /** `done` of `total` are finished; `total` may grow when more turn up than counted at the start. */
  update(done: number, total: number): void;
  /** Ends the bar's line. */
  end(): void;
}

const WIDTH = 24;

/**
 * A progress display on `stream`: a bar redrawn in place when it is a terminal, one plain line per update
 * otherwise (logs and pipes get no control characters).
 *
 * @example
 * const progress = progressBar(process.stderr, 'moved');
 * progress.update(10, 40); // [██████░░░░░░░░░░░░░░░░░░] 10/40 moved
 * progress.end();
 */
export function progressBar(stream: { write(text: string): unknown; isTTY?: boolean }, label: string): Progress {
  let drawn = false;
  return {
    update(done, total) {
      if (!stream.isTTY) {
        stream.write(`${label} ${done} of ${total}\n`);
        return;
      }
      const filled = total > 0 ? Math.round((Math.min(done, total) / total) * WIDTH) : WIDTH;
      stream.write(`\r[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${done}/${total} ${label}`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
