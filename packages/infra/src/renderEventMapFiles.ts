import path from 'node:path';
import { commands, events } from '@mesh/contracts';
import { collectDeclarations } from './collectDeclarations';
import { eventMap, toMermaid } from './eventMap';
import { toSvg } from './eventMapSvg';

/** The committed event map files (path relative to the repo root → content), rendered from the source. */
export function renderEventMapFiles(repoRoot: string): Record<string, string> {
  const map = eventMap(events, commands, collectDeclarations(path.join(repoRoot, 'services')));
  return { 'docs/event-map.mmd': toMermaid(map), 'docs/event-map.svg': toSvg(map) };
}
