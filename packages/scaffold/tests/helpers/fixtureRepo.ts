import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliIo } from '@mesh/cli';
import type { EventInfo, RunCommand } from '../../src';

/** The registry of the fixture: generic names, two owners. */
export const EVENTS: readonly EventInfo[] = [
  { name: 'ThingCreated', service: 'relay' },
  { name: 'ThingShipped', service: 'relay' },
  { name: 'ParcelLost', service: 'depot' },
];

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fixture', private: true, license: 'Apache-2.0' }),
  '.prettierrc.json': JSON.stringify({ singleQuote: true, printWidth: 120, trailingComma: 'all' }),
  'serverless-compose.yml': `# The fixture's services.
services:
  hub:
    path: services/hub

  relay:
    path: services/relay
    params:
      eventBusName: \${hub.BusName}
`,
  'services/hub/package.json': '{}',
  'services/relay/package.json': '{}',
  'services/relay/src/declarations.ts': `export * from './subscriptions';\n`,
  'services/relay/serverless.ts': `import { mergeFragments, serviceDashboard, subscriptionResources } from '@mesh/infra';
import { inbox } from './src/subscriptions';
import { inboxFunction } from './src/functions/inbox/config';

// Resources of every subscription.
const mesh = mergeFragments(subscriptionResources(inbox));
const dashboard = serviceDashboard({ service: 'relay', declarations: [inbox], functions: ['inbox', 'api'] });

module.exports = {
  service: 'relay',
  functions: {
    inbox: inboxFunction,
    api: { handler: 'src/api.handler' },
  },
  resources: { Resources: { ...mesh.Resources, ...dashboard.Resources } },
};
`,
  'packages/contracts/src/index.ts': `export * from './registry';\nexport * from './relay/ThingCreated';\n`,
  'packages/contracts/src/registry.ts': `import { ThingCreated } from './relay/ThingCreated';
import type { EventContract } from './types';

/** Every event. */
export const events: readonly EventContract[] = [ThingCreated];
`,
};

/** A temporary directory wired as a mesh repository (the fixture above), removed by `remove()`. */
export class FixtureRepo {
  readonly root = mkdtempSync(path.join(tmpdir(), 'scaffold-'));
  /** What the command printed, and the commands it ran after writing. */
  out = '';
  err = '';
  readonly ran: string[] = [];

  constructor() {
    for (const [file, text] of Object.entries(FILES)) this.write(file, text);
  }

  write(file: string, text: string): void {
    mkdirSync(path.dirname(path.join(this.root, file)), { recursive: true });
    writeFileSync(path.join(this.root, file), text);
  }

  read(file: string): string {
    return readFileSync(path.join(this.root, file), 'utf8');
  }

  exists(file: string): boolean {
    return existsSync(path.join(this.root, file));
  }

  /** Every file under the root with its content: equal snapshots mean nothing was written. */
  snapshot(dir = this.root): Record<string, string> {
    const files: Record<string, string> = {};
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) Object.assign(files, this.snapshot(full));
      else files[path.relative(this.root, full)] = readFileSync(full, 'utf8');
    }
    return files;
  }

  readonly io: CliIo = {
    out: { write: (text: string) => (this.out += text) },
    err: { write: (text: string) => (this.err += text) },
    env: {},
  };

  readonly run: RunCommand = (command, args) => {
    this.ran.push([command, ...args].join(' '));
    return 0;
  };

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
