import { readFileSync } from 'node:fs';
import path from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { allowedImports, KNOWN_VIOLATIONS } = require('../layering') as {
  allowedImports: (id: string, dev: boolean) => string[] | undefined;
  KNOWN_VIOLATIONS: { from: string; to: string }[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { workspaces } = require('../workspaces') as {
  workspaces: () => { id: string; dir: string; name: string }[];
};

interface Edge {
  from: string;
  to: string;
  dev: boolean;
}

const all = workspaces();
const byName = new Map(all.map((w) => [w.name, w]));

/** Every dependency of one workspace on another, from the package.json files (devDependencies included). */
function workspaceEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const ws of all) {
    const manifest = JSON.parse(readFileSync(path.join(ws.dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    for (const [field, dev] of [
      ['dependencies', false],
      ['devDependencies', true],
    ] as const) {
      for (const name of Object.keys(manifest[field] ?? {})) {
        const target = byName.get(name);
        if (target) edges.push({ from: ws.id, to: target.id, dev });
      }
    }
  }
  return edges;
}

const isKnown = (edge: Edge) => KNOWN_VIOLATIONS.some((known) => known.from === edge.from && known.to === edge.to);

/** The cycles of a directed graph, each as the path that closes it (`a → b → a`). */
function cycles(edges: Edge[]): string[] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const found: string[] = [];
  const done = new Set<string>();
  const visit = (node: string, trail: string[]) => {
    if (trail.includes(node)) {
      found.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
      return;
    }
    if (done.has(node)) return;
    for (const to of next.get(node) ?? []) visit(to, [...trail, node]);
    done.add(node);
  };
  for (const node of next.keys()) visit(node, []);
  return found;
}

describe('the workspace dependency graph', () => {
  it('finds the workspaces it checks', () => {
    expect(all.map((w) => w.id)).toEqual(expect.arrayContaining(['contracts', 'bus', 'infra', 'offline', 'ops']));
    expect(workspaceEdges().length).toBeGreaterThan(10);
  });

  it('declares only dependencies the layering table allows (devDependencies as tests)', () => {
    const against = workspaceEdges()
      .filter((edge) => !isKnown(edge))
      .filter((edge) => {
        const allowed = allowedImports(edge.from, edge.dev);
        return !allowed || !(allowed.includes('*') || allowed.includes(edge.to));
      })
      .map((edge) => `${edge.from} → ${edge.to}${edge.dev ? ' (dev)' : ''}`);
    expect(against).toEqual([]);
  });

  it('has no cycle, devDependencies included', () => {
    expect(cycles(workspaceEdges().filter((edge) => !isKnown(edge)))).toEqual([]);
  });

  it('still has each known violation it excuses, so the list only shrinks', () => {
    const edges = workspaceEdges();
    for (const known of KNOWN_VIOLATIONS) {
      expect(edges).toContainEqual(expect.objectContaining({ from: known.from, to: known.to }));
    }
  });

  it('sees a cycle when there is one', () => {
    const edges = [
      { from: 'a', to: 'b', dev: false },
      { from: 'b', to: 'c', dev: true },
      { from: 'c', to: 'a', dev: false },
    ];
    expect(cycles(edges)).toEqual(['a → b → c → a']);
  });
});
