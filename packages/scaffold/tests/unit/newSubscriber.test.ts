import { runNewCli } from '../../src';
import { EVENTS, FixtureRepo } from '../helpers/fixtureRepo';

describe('npm run new -- subscriber', () => {
  let repo: FixtureRepo;
  beforeEach(() => {
    repo = new FixtureRepo();
  });
  afterEach(() => repo.remove());

  const run = (...argv: string[]) => runNewCli(argv, repo.io, { root: repo.root, events: EVENTS, run: repo.run });

  it('writes the function, one observer per event and a unit test, then redraws the event map', async () => {
    expect(await run('subscriber', 'relay', 'lostParcels', 'ParcelLost', 'ThingShipped')).toBe(0);

    const dir = 'services/relay/src/functions/lostParcels';
    expect(repo.read(`${dir}/config.ts`)).toContain('events: [subscriptionTrigger(lostParcels)]');
    const handler = repo.read(`${dir}/handler.ts`);
    expect(handler).toContain('name: `relay-${lostParcels.name}`');
    expect(handler).toContain('observers: [observe(ParcelLost, onParcelLost), observe(ThingShipped, onThingShipped)]');
    expect(repo.read(`${dir}/observers/onParcelLost.ts`)).toContain(
      'export const onParcelLost: Observer<typeof ParcelLost> = async function onParcelLost(event, context)',
    );
    expect(repo.exists(`${dir}/observers/onThingShipped.ts`)).toBe(true);
    const test = repo.read('services/relay/tests/unit/lostParcels.test.ts');
    expect(test).toContain("it('takes ParcelLost to its observer'");
    expect(test).toContain("it('takes ThingShipped to its observer'");
    // The first registry event it does not observe proves the routing refuses what was not declared.
    expect(test).toContain("it('returns ThingCreated, which it does not observe, to its queue'");
    expect(repo.ran).toEqual(['npm run --silent event-map', 'npm run --silent catalog', 'npm run --silent readmes']);
  });

  it('declares the subscription beside the others, importing what it needs once', async () => {
    await run('subscriber', 'relay', 'lostParcels', 'ParcelLost');
    expect(repo.read('services/relay/src/declarations.ts')).toBe(
      `import { ParcelLost } from '@mesh/contracts';
import { subscription } from '@mesh/infra';
export * from './subscriptions';

export const lostParcels = subscription('relay', 'lost-parcels', [ParcelLost]);
`,
    );
    await run('subscriber', 'relay', 'moreParcels', 'ParcelLost', 'ThingCreated');
    const declarations = repo.read('services/relay/src/declarations.ts');
    expect(declarations).toContain("import { ParcelLost, ThingCreated } from '@mesh/contracts';");
    expect(declarations.match(/from '@mesh\/infra'/g)).toHaveLength(1);
  });

  it('adds the function to serverless.ts: its key, its resources and its dashboard widgets', async () => {
    await run('subscriber', 'relay', 'lostParcels', 'ParcelLost');
    const serverless = repo.read('services/relay/serverless.ts');
    expect(serverless).toContain("import { lostParcelsFunction } from './src/functions/lostParcels/config';");
    expect(serverless).toContain("import { lostParcels } from './src/declarations';");
    expect(serverless).toContain('mergeFragments(subscriptionResources(inbox), subscriptionResources(lostParcels))');
    expect(serverless).toContain('declarations: [inbox, lostParcels]');
    expect(serverless).toContain("functions: ['inbox', 'api', 'lostParcels']");
    expect(serverless).toMatch(/api: \{ handler: 'src\/api.handler' \},\n\s+lostParcels: lostParcelsFunction,\n/);
    expect(serverless).toContain('// Resources of every subscription.');
  });

  it.each([
    [
      ['subscriber', 'nowhere', 'lostParcels', 'ParcelLost'],
      'no service "nowhere" in services/; known services: hub, relay',
    ],
    [['subscriber', 'relay', 'LostParcels', 'ParcelLost'], 'subscriber name "LostParcels" must be camelCase'],
    [['subscriber', 'relay', 'lostParcels'], 'is missing: name at least one event'],
    [['subscriber', 'relay', 'lostParcels', 'ParcelFound'], 'no event contract named "ParcelFound"'],
    [['subscriber', 'relay', 'lostParcels', 'ParcelLost', 'ParcelLost'], 'event name "ParcelLost" is named twice'],
    [['subscriber', 'relay', 'inbox', 'ParcelLost'], 'services/relay/src/functions/inbox exists already'],
    [
      ['subscriber', 'hub', 'lostParcels', 'ParcelLost'],
      'services/hub/src/declarations.ts: expected the file, found none',
    ],
  ])('refuses %j with a clear message, exit 2 and nothing written', async (argv, message) => {
    repo.write('services/relay/src/functions/inbox/config.ts', 'export const inboxFunction = {};\n');
    const before = repo.snapshot();
    expect(await run(...argv)).toBe(2);
    expect(repo.err).toContain(message);
    expect(repo.err).toContain('Usage: npm run new -- subscriber <service> <name> <Event...>');
    expect(repo.snapshot()).toEqual(before);
    expect(repo.ran).toEqual([]);
  });

  it('refuses a name its declarations bind already, or a serverless.ts it cannot edit, writing nothing', async () => {
    repo.write('services/relay/src/declarations.ts', 'export const lostParcels = 1;\n');
    expect(await run('subscriber', 'relay', 'lostParcels', 'ParcelLost')).toBe(2);
    expect(repo.err).toContain('lostParcels in services/relay/src/declarations.ts exists already');

    repo.write('services/relay/src/declarations.ts', "export * from './subscriptions';\n");
    repo.write('services/relay/serverless.ts', 'module.exports = { functions: {} };\n');
    const before = repo.snapshot();
    expect(await run('subscriber', 'relay', 'lostParcels', 'ParcelLost')).toBe(2);
    expect(repo.err).toContain('services/relay/serverless.ts: expected one call of mergeFragments(…), found 0');
    expect(repo.snapshot()).toEqual(before);
  });

  it('adds the function to a `const functions = { … }` whose keys feed the dashboard', async () => {
    repo.write(
      'services/relay/serverless.ts',
      `import { commandChannelResources, mergeFragments, serviceDashboard } from '@mesh/infra';
import { inbox } from './src/subscriptions';

const mesh = mergeFragments(commandChannelResources(inbox));
const functions = { inbox: {} };
const dashboard = serviceDashboard({ service: 'relay', declarations: [inbox], functions: Object.keys(functions) });

module.exports = { functions: { ...functions, inbox: { role: 'InboxRole' } }, dashboard, mesh };
`,
    );
    expect(await run('subscriber', 'relay', 'lostParcels', 'ParcelLost')).toBe(0);
    const serverless = repo.read('services/relay/serverless.ts');
    expect(serverless).toContain(
      "import { commandChannelResources, mergeFragments, serviceDashboard, subscriptionResources } from '@mesh/infra';",
    );
    expect(serverless).toContain('mergeFragments(commandChannelResources(inbox), subscriptionResources(lostParcels))');
    expect(serverless).toContain('const functions = { inbox: {}, lostParcels: lostParcelsFunction };');
    expect(serverless).toContain('declarations: [inbox, lostParcels],\n  functions: Object.keys(functions),');
    expect(serverless).toContain(
      "module.exports = { functions: { ...functions, inbox: { role: 'InboxRole' } }, dashboard, mesh };",
    );
  });

  it('adds the function to the functions given to functionRoles, which makes its role', async () => {
    repo.write(
      'services/relay/serverless.ts',
      `import { functionRoles, mergeFragments, subscriptionResources } from '@mesh/infra';
import { inbox } from './src/declarations';

const mesh = mergeFragments(subscriptionResources(inbox));
const { functions, roles } = functionRoles('relay', { inbox: inboxFunction });

module.exports = { functions, resources: { Resources: { ...roles, ...mesh.Resources } } };
`,
    );
    expect(await run('subscriber', 'relay', 'lostParcels', 'ParcelLost')).toBe(0);
    const serverless = repo.read('services/relay/serverless.ts');
    expect(serverless).toContain(
      "const { functions, roles } = functionRoles('relay', { inbox: inboxFunction, lostParcels: lostParcelsFunction });",
    );
    expect(serverless).toContain("import { inbox, lostParcels } from './src/declarations';");
    expect(repo.read('services/relay/src/functions/lostParcels/config.ts')).toContain('touches: [],');
  });

  it('adds a subscriber to a service the scaffold wrote', async () => {
    expect(await run('service', 'parcel-desk', '--no-install')).toBe(0);
    expect(await run('subscriber', 'parcel-desk', 'lostParcels', 'ParcelLost')).toBe(0);
    const serverless = repo.read('services/parcel-desk/serverless.ts');
    expect(serverless).toContain(
      'mergeFragments(subscriptionResources(relayEvents), subscriptionResources(lostParcels))',
    );
    expect(serverless).toContain("import { relayEvents, lostParcels } from './src/declarations';");
  });
});
