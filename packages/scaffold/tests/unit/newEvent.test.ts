import { runNewCli } from '../../src';
import { EVENTS, FixtureRepo } from '../helpers/fixtureRepo';

describe('npm run new -- event', () => {
  let repo: FixtureRepo;
  beforeEach(() => {
    repo = new FixtureRepo();
  });
  afterEach(() => repo.remove());

  const run = (...argv: string[]) => runNewCli(argv, repo.io, { root: repo.root, events: EVENTS, run: repo.run });

  it("writes a version-1 contract in the owner's folder, exports and registers it, then redraws the event map", async () => {
    expect(await run('event', 'relay', 'ParcelRouted')).toBe(0);

    expect(repo.read('packages/contracts/src/relay/ParcelRouted.ts')).toBe(`import * as z from 'zod/mini';
import { defineEvent } from '../defineContract';
import { Id } from '../shared';

export const ParcelRouted = defineEvent({
  name: 'ParcelRouted',
  service: 'relay',
  version: 1,
  description: 'Parcel routed.',
  schema: z.object({
    parcelId: Id,
  }),
  example: { parcelId: 'parcel-1' },
});

export type ParcelRouted = z.infer<typeof ParcelRouted.schema>;
`);
    expect(repo.read('packages/contracts/src/index.ts')).toBe(
      "export * from './registry';\nexport * from './relay/ThingCreated';\nexport * from './relay/ParcelRouted';\n",
    );
    const registry = repo.read('packages/contracts/src/registry.ts');
    expect(registry).toContain("import { ParcelRouted } from './relay/ParcelRouted';");
    expect(registry).toContain('export const events: readonly EventContract[] = [ThingCreated, ParcelRouted];');
    expect(repo.ran).toEqual(['npm run --silent event-map', 'npm run --silent catalog', 'npm run --silent readmes']);
    expect(repo.out).toContain('next: then publish its snapshot');
    expect(repo.out).toContain('npm run contracts -- snapshot');
  });

  it.each([
    [['event', 'relay', 'RouteParcel'], 'must be a fact in the past tense'],
    [['event', 'relay', 'parcelRouted'], 'must be PascalCase'],
    [['event', 'relay', 'ThingCreated'], 'event contract ThingCreated exists already'],
    [['event', 'nowhere', 'ParcelRouted'], 'no service "nowhere" in services/'],
    [['event', 'relay'], 'missing arguments'],
    [['event', 'relay', 'ParcelRouted', 'More'], 'unexpected argument "More"'],
  ])('refuses %j with a clear message, exit 2 and nothing written', async (argv, message) => {
    const before = repo.snapshot();
    expect(await run(...argv)).toBe(2);
    expect(repo.err).toContain(message);
    expect(repo.err).toContain('Usage: npm run new -- event <service> <EventName>');
    expect(repo.snapshot()).toEqual(before);
  });

  it('refuses a contract file that exists though the registry lacks it', async () => {
    repo.write('packages/contracts/src/relay/ParcelRouted.ts', '// a draft\n');
    const before = repo.snapshot();
    expect(await run('event', 'relay', 'ParcelRouted')).toBe(2);
    expect(repo.err).toContain('packages/contracts/src/relay/ParcelRouted.ts exists already');
    expect(repo.snapshot()).toEqual(before);
  });
});

describe('npm run new', () => {
  let repo: FixtureRepo;
  beforeEach(() => {
    repo = new FixtureRepo();
  });
  afterEach(() => repo.remove());

  const run = (...argv: string[]) => runNewCli(argv, repo.io, { root: repo.root, events: EVENTS, run: repo.run });

  it('prints its help with --help, and each kind its own', async () => {
    expect(await run('--help')).toBe(0);
    expect(repo.out).toContain('subscriber <service> <name> <Event...>');
    for (const kind of ['service', 'subscriber', 'event']) {
      repo.out = '';
      expect(await run(kind, '--help')).toBe(0);
      expect(repo.out).toContain(`Usage: npm run new -- ${kind}`);
    }
  });

  it('exits 2 with its help when the kind is missing or unknown', async () => {
    expect(await run()).toBe(2);
    expect(await run('widget', 'x')).toBe(2);
    expect(repo.err).toContain('new: unknown kind "widget"');
  });
});
