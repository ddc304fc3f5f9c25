import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TargetExistsError } from './errors';
import { formatSource, prettierOptions } from './formatSource';

/** One file a command writes: a new one (`create`), or the whole new text of an existing one. */
export interface FileChange {
  /** Relative to the repository root, with `/` separators. */
  path: string;
  content: string;
  create: boolean;
}

/** What the repository must run once the files are written. */
export type AfterStep = 'install' | 'event-map' | 'catalog' | 'readmes';

/** Everything one command would do, computed before anything is written. */
export interface Plan {
  /** One line for the user: what was added. */
  summary: string;
  changes: FileChange[];
  after: AfterStep[];
  /** What is left to the developer, printed last. */
  next?: string[];
}

/**
 * Throws {@link TargetExistsError} when a file the plan creates exists already: checked for every file
 * before any is written, so a clash writes nothing.
 *
 * @example
 * checkPlan('/work/main', plan);
 */
export function checkPlan(root: string, plan: Plan): void {
  for (const change of plan.changes) {
    if (change.create && existsSync(path.join(root, change.path))) throw new TargetExistsError(change.path);
  }
}

/**
 * Formats each file of the plan with the repository's Prettier configuration, as `npm run format` would, so
 * the written code passes `prettier --check` as generated.
 *
 * @example
 * const formatted = await formatPlan('/work/main', plan);
 */
export async function formatPlan(root: string, plan: Plan): Promise<Plan> {
  const options = prettierOptions(root);
  const changes = await Promise.all(
    plan.changes.map(async (change) => ({
      ...change,
      content: await formatSource(change.path, change.content, options),
    })),
  );
  return { ...plan, changes };
}

/**
 * Checks, formats and writes a plan. Returns the formatted plan that was written.
 *
 * @example
 * await applyPlan('/work/main', planService(repo, { name: 'lending' }));
 */
export async function applyPlan(root: string, plan: Plan): Promise<Plan> {
  checkPlan(root, plan);
  const formatted = await formatPlan(root, plan);
  for (const change of formatted.changes) {
    const file = path.join(root, change.path);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, change.content, change.create ? { flag: 'wx' } : {});
  }
  return formatted;
}
