import { schemaFileName, toJsonSchema } from '../../jsonSchema';
import type { Contract } from '../../types';
import { compareSchemas } from '../compareSchemas';
import type { ContractUsage } from '../contractUsage';
import { exampleMessage } from '../exampleMessage';
import { classify, describeCompatibility } from '../schemaChange';
import { CATALOG_CSS, CATALOG_SEARCH_JS } from './catalogAssets';

export interface CatalogInput {
  title: string;
  contracts: readonly Contract[];
  usages: readonly ContractUsage[];
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const json = (value: unknown) => `<pre><code>${escape(JSON.stringify(value, null, 2))}</code></pre>`;

/** The page a contract (all its versions) is published under, e.g. `OrderPlaced.html`. */
export function catalogPage(name: string): string {
  return `${name}.html`;
}

/**
 * The event catalog as static HTML files (file name → content): an index with a search box, and a page per
 * event and command with its owner, each version (what changed from the one before, schema, example), its
 * publishers or senders, and its subscribers with their queue, DLQ and rule pattern. Deterministic, so a
 * test can keep the committed copy fresh.
 *
 * @example
 * for (const [file, html] of Object.entries(renderCatalog({ title: 'Event catalog', contracts, usages }))) write(file, html);
 */
export function renderCatalog(input: CatalogInput): Record<string, string> {
  const byName = new Map<string, Contract[]>();
  for (const c of input.contracts) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  for (const versions of byName.values()) versions.sort((a, b) => a.version - b.version);
  const names = [...byName.keys()].sort();
  const files: Record<string, string> = { 'index.html': indexPage(input, names, byName) };
  for (const name of names) files[catalogPage(name)] = contractPage(input, name, byName.get(name)!);
  return files;
}

function page(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${CATALOG_CSS}</style>
</head>
<body>
<header><a href="index.html">Event catalog</a><span class="muted">generated from the contracts and the services' declarations</span></header>
<main>
${body}
</main>
${script ? `<script>${script}</script>` : ''}
</body>
</html>
`;
}

function indexPage(input: CatalogInput, names: string[], byName: Map<string, Contract[]>): string {
  const rows = names.map((name) => {
    const versions = byName.get(name)!;
    const latest = versions.at(-1)!;
    const users = input.usages.filter((u) => u.contract === name);
    const consumers = [
      ...new Set(users.filter((u) => u.role === 'subscriber' || u.role === 'handler').map((u) => u.service)),
    ];
    const fields = Object.keys(
      ((toJsonSchema(latest).properties as Record<string, { properties?: object }>).data?.properties ?? {}) as object,
    );
    const search = [name, latest.kind, latest.service, latest.description, ...consumers, ...fields]
      .join(' ')
      .toLowerCase();
    return `<tr data-search="${escape(search)}"><td><a href="${catalogPage(name)}">${escape(name)}</a></td><td>${latest.kind}</td><td>${escape(latest.service)}</td><td>${versions.map((v) => `v${v.version}`).join(', ')}</td><td>${escape(consumers.join(', ') || '—')}</td><td>${escape(latest.description)}</td></tr>`;
  });
  const body = `<h1>${escape(input.title)}</h1>
<p class="muted">${names.length} contracts. Events go to the bus; commands to their owner's FIFO queue.</p>
<input id="search" type="search" placeholder="Search events, commands, services, fields…" aria-label="Search the catalog" autofocus>
<table>
<thead><tr><th>Name</th><th>Kind</th><th>Owner</th><th>Versions</th><th>Consumers</th><th>Description</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p id="no-match" class="muted empty">Nothing matches.</p>`;
  return page(input.title, body, CATALOG_SEARCH_JS);
}

function contractPage(input: CatalogInput, name: string, versions: Contract[]): string {
  const latest = versions.at(-1)!;
  const sections = [...versions].reverse().map((contract) => {
    const previous = versions.find((v) => v.version === contract.version - 1);
    const users = input.usages.filter((u) => u.contract === name && u.version === contract.version);
    return `<section id="v${contract.version}">
<h2>Version ${contract.version}${contract === latest ? '<span class="tag">latest</span>' : ''}</h2>
<p>${escape(contract.description)} <span class="muted">Schema file: <code>${schemaFileName(contract)}</code></span></p>
${previous ? changesSince(previous, contract) : '<p class="muted">The first version.</p>'}
${producers(contract, users)}
${consumers(contract, users)}
<h3>Example</h3>
${json(exampleMessage(contract))}
<details><summary>JSON Schema (${contract.kind === 'event' ? 'the event detail' : 'the command body'})</summary>
${json(toJsonSchema(contract))}
</details>
</section>`;
  });
  const head = `<h1>${escape(name)}<span class="tag">${latest.kind}</span></h1>
<p>Owner: <strong>${escape(latest.service)}</strong>${latest.kind === 'event' ? ` · source <code>${escape(latest.source)}</code> · detail-type <code>${escape(latest.detailType)}</code>` : ''} · versions ${versions.map((v) => `<a href="#v${v.version}">v${v.version}</a>`).join(', ')}</p>`;
  return page(`${name} — event catalog`, `${head}\n${sections.join('\n')}`);
}

function changesSince(previous: Contract, contract: Contract): string {
  const changes = compareSchemas(toJsonSchema(previous), toJsonSchema(contract)).filter((c) => c.path !== 'version');
  const upcast =
    contract.kind === 'event' && contract.upcast
      ? ` Observers of v${contract.version} also receive v${previous.version} events, upcast.`
      : '';
  const rows = changes.map(
    (c) => `<tr><td><code>${escape(c.path)}</code></td><td>${c.kind}</td><td>${escape(c.detail)}</td></tr>`,
  );
  return `<h3>Changes from v${previous.version}</h3>
<p class="muted">${escape(describeCompatibility(classify(changes)))}.${upcast}</p>
${rows.length > 0 ? `<table><thead><tr><th>Path</th><th>Change</th><th>Detail</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : ''}`;
}

function producers(contract: Contract, users: ContractUsage[]): string {
  const role = contract.kind === 'event' ? 'publisher' : 'sender';
  const list = users.filter((u) => u.role === role).map((u) => escape(u.service));
  return `<h3>${contract.kind === 'event' ? 'Publishers' : 'Senders'}</h3><p>${list.join(', ') || '<span class="muted">none declared</span>'}</p>`;
}

function consumers(contract: Contract, users: ContractUsage[]): string {
  const list = users.filter((u) => u.role === 'subscriber' || u.role === 'handler');
  const title = contract.kind === 'event' ? 'Subscribers' : 'Handled by';
  if (list.length === 0) return `<h3>${title}</h3><p class="muted">none declared</p>`;
  const rows = list
    .sort((a, b) => `${a.service}/${a.channel}`.localeCompare(`${b.service}/${b.channel}`))
    .map(
      (u) =>
        `<tr><td>${escape(u.service)}</td><td>${escape(u.channel ?? '—')}</td><td><code>${escape(u.queue ?? '—')}</code></td><td><code>${escape(u.dlq ?? '—')}</code></td><td>${u.pattern ? `<code>${escape(JSON.stringify(u.pattern))}</code>` : '—'}</td></tr>`,
    );
  return `<h3>${title}</h3><table><thead><tr><th>Service</th><th>${contract.kind === 'event' ? 'Subscription' : 'Channel'}</th><th>Queue</th><th>DLQ</th><th>Rule pattern</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
