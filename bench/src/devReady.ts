/**
 * `npm run dev` ready time: the whole mesh (every service of serverless-compose.yml, or some) started with
 * the dev runner's own `startMesh`, first from an empty package cache (a fresh clone's first start: every
 * service packaged) and then warm (templates from `.mesh/package`), with each step's start and end so the
 * report shows where the time goes.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { StepEvent } from '@mesh/cli';
import { STAGE_PLACEHOLDER } from '@mesh/infra';
import { readComposeFile, startMesh } from '@mesh/offline';

const ROOT = path.resolve(__dirname, '../..');
const STAGE = 'bench';

/** One step of a start: when it began and ended, in ms from the start of the start. */
export interface ReadyStep {
  step: string;
  fromMs: number;
  toMs: number;
  detail?: string;
}

export interface ReadyRun {
  readyMs: number;
  steps: ReadyStep[];
}

async function startOnce(services?: string[]): Promise<ReadyRun> {
  const t0 = performance.now();
  const begun = new Map<string, number>();
  const steps: ReadyStep[] = [];
  const onStep = (event: StepEvent) => {
    const now = Math.round(performance.now() - t0);
    if (event.state === 'started') begun.set(event.step, now);
    else
      steps.push({
        step: event.step,
        fromMs: begun.get(event.step) ?? now - (event.ms ?? 0),
        toMs: now,
        ...(event.detail ? { detail: event.detail } : {}),
      });
  };
  const mesh = await startMesh({
    rootDir: ROOT,
    stage: STAGE,
    ...(services ? { services } : {}),
    edgePort: 0,
    httpPort: 0,
    websocketPort: 0,
    onLog: () => undefined,
    onStep,
  });
  await mesh.stop();
  return { readyMs: Math.round(mesh.readyMs), steps: steps.sort((a, b) => a.fromMs - b.fromMs) };
}

/**
 * Ready times of a set of services (every one by default): cold (their package cache emptied first), then
 * warm.
 *
 * @example
 * const { cold, warm } = await measureReady(['bus', 'notifications']);
 */
export async function measureReady(services?: string[]): Promise<{ cold: ReadyRun; warm: ReadyRun }> {
  for (const service of services ?? readComposeFile(path.join(ROOT, 'serverless-compose.yml')).map((s) => s.name)) {
    // The runner packages a service once for any stage (`anyStage`), under the placeholder stage's folder.
    rmSync(path.join(ROOT, '.mesh/package', service, STAGE_PLACEHOLDER), { recursive: true, force: true });
  }
  const cold = await startOnce(services);
  const warm = await startOnce(services);
  return { cold, warm };
}

/** A start's steps as lines: `  0.0– 9.5 s  DynamoDB Local (in memory)`, in the order they began. */
export function formatReadySteps(run: ReadyRun): string {
  const s = (ms: number) => (ms / 1000).toFixed(1).padStart(5);
  return run.steps
    .map((step) => `  ${s(step.fromMs)} –${s(step.toMs)} s  ${step.step}${step.detail ? `  (${step.detail})` : ''}`)
    .join('\n');
}

/** The `devReady` figures of results.json: every service cold and warm (with steps), bus + notifications. */
export async function benchDevReady(log: (text: string) => void = (text) => process.stderr.write(`${text}\n`)) {
  const every = await measureReady();
  log(`npm run dev, every service, first start: ready in ${(every.cold.readyMs / 1000).toFixed(1)} s`);
  log(formatReadySteps(every.cold));
  log(`npm run dev, every service, warm start: ready in ${(every.warm.readyMs / 1000).toFixed(1)} s`);
  log(formatReadySteps(every.warm));
  const pair = await measureReady(['bus', 'notifications']);
  return {
    devColdReadyMs: every.cold.readyMs,
    devWarmReadyMs: every.warm.readyMs,
    pairColdReadyMs: pair.cold.readyMs,
    pairWarmReadyMs: pair.warm.readyMs,
    coldSteps: every.cold.steps,
    warmSteps: every.warm.steps,
  };
}
