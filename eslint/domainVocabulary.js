// @ts-check
const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');
const { ROOT, workspaces } = require('./workspaces');

/** Key prefixes of rows the generic packages own (the bus's outbox and idempotency records), in any table. */
const GENERIC_KEY_PREFIXES = new Set(['OUTBOX#', 'IDEMPOTENCY#']);

/**
 * @typedef {object} DomainVocabulary
 * @property {string[]} contractNames  every event and command name (`OrderPlaced`, `ReserveStock`)
 * @property {string[]} serviceNames   every example service (`orders`, `inventory`, …)
 * @property {string[]} keyPrefixes    the table key prefixes the services write (`ORDER#`, `STOCK#`, …)
 */

/**
 * The example domain's names, read from where they are defined rather than listed here, so a new event or a
 * new service is forbidden in generic packages without an edit to the lint config:
 * - event and command names from @mesh/contracts' registry (loaded through tsx: contracts is TypeScript);
 * - service names from the contracts' owning services and the folders under services/ (less `bus`, which
 *   deploys the generic event bus and shares its name with @mesh/bus);
 * - table key prefixes from the services' sources (`'ORDER#'`-shaped strings), less the generic rows'.
 * SKUs (`SKU-…`, `sku`) are fixed: a product code is commerce wherever it appears.
 *
 * @example
 * domainVocabulary().contractNames; // ['OrderPlaced', 'OrderConfirmed', …]
 * @returns {DomainVocabulary}
 */
function domainVocabulary(root = ROOT) {
  const { contracts } = loadContracts(path.join(root, 'packages', 'contracts'));
  const all = workspaces(root);
  const generic = new Set(all.filter((w) => w.kind === 'package').map((w) => w.id));
  const serviceDirs = all.filter((w) => w.kind === 'service');
  const serviceNames = new Set(contracts.map((c) => c.service));
  for (const w of serviceDirs) {
    const name = path.basename(w.dir);
    if (!generic.has(name)) serviceNames.add(name);
  }
  const keyPrefixes = new Set();
  for (const w of serviceDirs) {
    for (const file of sourceFiles(path.join(w.dir, 'src'))) {
      for (const [, prefix] of readFileSync(file, 'utf8').matchAll(/['"`]([A-Z][A-Z_]*#)/g)) {
        if (prefix && !GENERIC_KEY_PREFIXES.has(prefix)) keyPrefixes.add(prefix);
      }
    }
  }
  return {
    contractNames: [...new Set(contracts.map((c) => c.name))].sort(),
    serviceNames: [...serviceNames].sort(),
    keyPrefixes: [...keyPrefixes].sort(),
  };
}

/**
 * @param {string} dir
 * @returns {{ contracts: readonly { name: string, service: string }[] }}
 */
function loadContracts(dir) {
  try {
    // Where TypeScript already loads (jest's transform), as is.
    return require(dir);
  } catch {
    // Plain node (the eslint CLI): through tsx.
    return require('tsx/cjs/api').require(dir, __filename);
  }
}

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  /** @type {string[]} */
  const files = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return files;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts')) files.push(full);
  }
  return files;
}

module.exports = { domainVocabulary };
