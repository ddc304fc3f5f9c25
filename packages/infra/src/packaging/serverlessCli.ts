/** The pinned Serverless CLI (osls) and the environment it needs offline. */
import path from 'node:path';

/** The preload every Serverless CLI run of ours takes: serverless-esbuild's work folder (see the file). */
export const ESBUILD_WORK_FOLDER_PRELOAD = path.join(__dirname, 'esbuildWorkFolder.cjs');

/** Path of the osls CLI entry point, run with this process's Node. */
export function serverlessCliPath(): string {
  return require.resolve('serverless/bin/serverless.js');
}

/**
 * Environment for the Serverless CLI offline: dummy credentials and no instance-metadata probe (without them
 * the CLI hangs looking for credentials on a machine outside AWS), no telemetry, no update notices.
 */
export function serverlessCliEnv(region: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'offline',
    AWS_SECRET_ACCESS_KEY: 'offline',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    ...extra,
  };
  // The parent's loaders (tsx, jest) are not meant for the CLI, and a profile could point at real AWS.
  delete env.NODE_OPTIONS;
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  return env;
}

/** `--param key=value` for each param, as serverless-compose passes them. */
export function paramArgs(params: Record<string, string>): string[] {
  return Object.entries(params).flatMap(([key, value]) => ['--param', `${key}=${value}`]);
}
