import type { StepEvent } from './steps';

/**
 * Prints one line per step of the start as it ends, with its duration (`✓ fauxqs (SQS + S3)   0.9 s`);
 * a failed step prints its reason.
 *
 * @example
 * await startMesh({ onStep: progressDisplay(process.stderr) });
 */
export function progressDisplay(out: { write(text: string): unknown }): (event: StepEvent) => void {
  return (event) => {
    if (event.state === 'started') return;
    const mark = event.state === 'failed' ? '✗' : event.state === 'skipped' ? '-' : '✓';
    const ms = event.ms === undefined ? '' : `${(event.ms / 1000).toFixed(1)} s`;
    const detail = event.detail ? `  ${event.detail}` : '';
    out.write(`  ${mark} ${event.step.padEnd(34)} ${ms.padStart(7)}${detail}\n`);
  };
}
