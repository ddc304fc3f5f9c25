import { parse } from 'yaml';
import { runNewCli } from '../../src';
import { EVENTS, FixtureRepo } from '../helpers/fixtureRepo';

describe('npm run new -- service', () => {
  let repo: FixtureRepo;
  beforeEach(() => {
    repo = new FixtureRepo();
  });
  afterEach(() => repo.remove());

  const run = (...argv: string[]) => runNewCli(argv, repo.io, { root: repo.root, events: EVENTS, run: repo.run });

  it('writes a service of the convention, adds it to the compose file, then installs and redraws the event map', async () => {
    expect(await run('service', 'parcel-desk')).toBe(0);

    for (const file of [
      'package.json',
      'README.md',
      'serverless.ts',
      'src/declarations.ts',
      'src/errors.ts',
      'src/dependencies.ts',
      'src/store/ParcelDeskStore.ts',
      'src/store/DynamoParcelDeskStore.ts',
      'src/store/parcelDeskTable.ts',
      'src/functions/relayEvents/config.ts',
      'src/functions/relayEvents/handler.ts',
      'src/functions/relayEvents/observers/onThingCreated.ts',
      'tests/helpers/InMemoryParcelDeskStore.ts',
      'tests/unit/relayEvents.test.ts',
      'tests/template/package.test.ts',
    ]) {
      expect(repo.exists(`services/parcel-desk/${file}`)).toBe(true);
    }
    expect(JSON.parse(repo.read('services/parcel-desk/package.json'))).toMatchObject({
      name: '@mesh/parcel-desk',
      private: true,
      license: 'Apache-2.0',
      scripts: { package: 'serverless package' },
    });
    expect(repo.read('services/parcel-desk/src/declarations.ts')).toContain(
      "export const relayEvents = subscription('parcel-desk', 'relay-events', [ThingCreated]);",
    );
    expect(repo.read('services/parcel-desk/serverless.ts')).toContain("TableName: 'parcel-desk-${sls:stage}'");
    expect(repo.read('services/parcel-desk/serverless.ts')).toContain('PARCEL_DESK_TABLE');
    expect(repo.ran).toEqual([
      'npm install --no-audit --no-fund',
      'npm run --silent event-map',
      'npm run --silent catalog',
      'npm run --silent readmes',
    ]);
    expect(repo.out).toContain(
      'new service: service parcel-desk: subscriber relayEvents observes ThingCreated (from relay)',
    );
  });

  it("adds the service to serverless-compose.yml with the bus param the others take, keeping the file's comments", async () => {
    await run('service', 'parcel-desk');
    const text = repo.read('serverless-compose.yml');
    expect(text.startsWith("# The fixture's services.\n")).toBe(true);
    expect(parse(text).services['parcel-desk']).toEqual({
      path: 'services/parcel-desk',
      params: { eventBusName: '${hub.BusName}' },
    });
  });

  it('observes the event --event names, with the subscriber --subscriber names', async () => {
    expect(await run('service', 'parcel-desk', '--event', 'ParcelLost', '--subscriber', 'losses')).toBe(0);
    expect(repo.read('services/parcel-desk/src/declarations.ts')).toContain(
      "subscription('parcel-desk', 'losses', [ParcelLost])",
    );
    expect(repo.exists('services/parcel-desk/src/functions/losses/observers/onParcelLost.ts')).toBe(true);
  });

  it('by default observes the first event of the registry that another service owns, and needs one', async () => {
    expect(await run('service', 'relay-two')).toBe(0);
    expect(repo.read('services/relay-two/src/declarations.ts')).toContain('[ThingCreated]');
    expect(
      await runNewCli(['service', 'depot', '--no-install'], repo.io, {
        root: repo.root,
        events: EVENTS.slice(2),
        run: repo.run,
      }),
    ).toBe(2);
    expect(repo.err).toContain('no event contract named "(any event of another service)"');
  });

  it('skips npm install with --no-install, and says that the lockfile then needs it', async () => {
    expect(await run('service', 'parcel-desk', '--no-install')).toBe(0);
    expect(repo.ran).toEqual(['npm run --silent event-map', 'npm run --silent catalog', 'npm run --silent readmes']);
    expect(repo.out).toContain('skipped npm install');
  });

  it('writes nothing with --dry-run, and lists what it would write', async () => {
    const before = repo.snapshot();
    expect(await run('service', 'parcel-desk', '--dry-run')).toBe(0);
    expect(repo.snapshot()).toEqual(before);
    expect(repo.out).toContain('create services/parcel-desk/serverless.ts');
    expect(repo.out).toContain('update serverless-compose.yml');
    expect(repo.ran).toEqual([]);
  });

  it.each([
    [['service', 'Parcel_Desk'], 'service name "Parcel_Desk" must be kebab-case'],
    [['service', 'relay'], 'services/relay exists already'],
    [['service', 'hub2', '--event', 'NoSuchThing'], 'no event contract named "NoSuchThing"'],
    [['service', 'parcel-desk', '--subscriber', 'Bad-Name'], 'subscriber name "Bad-Name" must be camelCase'],
    [['service'], 'missing arguments'],
    [['service', 'a', 'b'], 'unexpected argument "b"'],
    [['service', 'a', '--nope'], 'unknown flag --nope'],
  ])('refuses %j with a clear message, exit 2 and nothing written', async (argv, message) => {
    const before = repo.snapshot();
    expect(await run(...argv)).toBe(2);
    expect(repo.err).toContain(message);
    expect(repo.err).toContain('Usage: npm run new -- service <name>');
    expect(repo.snapshot()).toEqual(before);
    expect(repo.ran).toEqual([]);
  });

  it('refuses a service that serverless-compose.yml names though services/ lacks it', async () => {
    repo.write(
      'serverless-compose.yml',
      `${repo.read('serverless-compose.yml')}\n  ghost:\n    path: elsewhere/ghost\n`,
    );
    expect(await run('service', 'ghost')).toBe(2);
    expect(repo.err).toContain('service ghost in serverless-compose.yml exists already');
    expect(repo.exists('services/ghost')).toBe(false);
  });

  it('reports a failed step after writing with exit 1 and the command to run again', async () => {
    const failing = () => 1;
    expect(
      await runNewCli(['service', 'parcel-desk'], repo.io, { root: repo.root, events: EVENTS, run: failing }),
    ).toBe(1);
    expect(repo.err).toContain('`npm install --no-audit --no-fund` failed: run it again');
  });
});
