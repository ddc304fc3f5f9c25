// @ts-check
/**
 * THE layering table: which workspaces each workspace may import (and so depend on in its package.json).
 * The `mesh/layering` lint rule and the unit test of the package.json dependency graph both read it.
 *
 * Generic packages form one chain, each importing only the ones below it:
 *   contracts ← bus ← infra ← offline ← ops
 * `cli` (the CLI kit) and `dynamo` (dynamoose set up once) are leaves: any workspace may use them, they use
 * nothing of ours. `testing` (jest helpers) sits beside offline: it uses contracts, bus and infra, so the
 * tests of bus and infra cannot use it (that would be a cycle); the tests of offline and ops may.
 * Services ship only what the generic runtime gives them (contracts, bus, infra and the leaves); their tests
 * may also run the offline mesh (offline, ops, testing). Services never import one another: they talk
 * through events and commands. e2e/ and bench/ sit on top and may use anything, services included.
 */

const CHAIN = ['contracts', 'bus', 'infra', 'offline', 'ops'];
const LEAVES = ['cli', 'dynamo'];

/** @param {string} id */
const below = (id) => CHAIN.slice(0, CHAIN.indexOf(id));

/**
 * `uses`: what the workspace's shipped code (src/, a service's serverless.ts) may import.
 * `testsUse`: what its tests, benches and dev scripts may import on top of that.
 * Keys are workspace ids (see workspaces.js); `services/*` stands for every service.
 * @type {Record<string, { uses: string[], testsUse?: string[] }>}
 */
const LAYERS = {
  contracts: { uses: [] },
  bus: { uses: below('bus') },
  infra: { uses: below('infra') },
  offline: { uses: below('offline'), testsUse: ['testing'] },
  ops: { uses: below('ops'), testsUse: ['testing'] },
  testing: { uses: ['contracts', 'bus', 'infra'] },
  cli: { uses: [] },
  // npm run new: writes services from templates; its own code uses only the CLI kit.
  scaffold: { uses: [] },
  dynamo: { uses: [] },
  'services/*': { uses: ['contracts', 'bus', 'infra'], testsUse: ['offline', 'ops', 'testing'] },
  e2e: { uses: ['*'] },
  bench: { uses: ['*'] },
};

/**
 * The workspaces `id` may import: in shipped code, or (`dev`) in its tests. `*` means any workspace.
 *
 * @example
 * allowedImports('bus', false); // ['contracts', 'cli', 'dynamo']
 * allowedImports('services/orders', true); // [..., 'offline', 'ops', 'testing']
 * @param {string} id
 * @param {boolean} dev
 * @returns {string[] | undefined} undefined for a workspace the table does not know
 */
function allowedImports(id, dev) {
  const entry = LAYERS[id] ?? (id.startsWith('services/') ? LAYERS['services/*'] : undefined);
  if (!entry) return undefined;
  const leaves = LEAVES.includes(id) ? [] : LEAVES;
  return [...entry.uses, ...leaves, ...(dev ? (entry.testsUse ?? []) : [])];
}

/**
 * Dependencies against the table that are known and not yet removed (issue 14). The graph test excuses them
 * and fails once one is gone, so the list only shrinks.
 * @type {{ from: string, to: string, why: string }[]}
 */
const KNOWN_VIOLATIONS = [];

module.exports = { CHAIN, LEAVES, LAYERS, KNOWN_VIOLATIONS, allowedImports };
