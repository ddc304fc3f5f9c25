import type { EventMap } from './eventMap';

const ROW = 34;
const COLUMN = { producers: 20, messages: 300, consumers: 620 };
const BOX = { service: { w: 150, h: 26 }, message: { w: 190, h: 26 } };
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Renders the event map as a self-contained SVG in three columns — services that publish or send, the
 * events and commands, services that observe or take them — with no browser or diagram tool needed, so
 * the committed picture is produced (and checked for freshness) by a plain test.
 *
 * @example
 * writeFileSync('docs/event-map.svg', toSvg(eventMap(events, commands, declarations)));
 */
export function toSvg(map: EventMap): string {
  const messages = [
    ...map.events.map((e) => ({
      name: e.contract.name,
      kind: 'event' as const,
      from: [e.publisher],
      to: e.observers.map((o) => ({ service: o.service, label: o.subscription })),
    })),
    ...map.commands.map((c) => ({
      name: c.contract.name,
      kind: 'command' as const,
      from: c.senders,
      to: [{ service: c.owner, label: c.channel ?? '' }],
    })),
  ];
  const rowOf = new Map(map.services.map((s, i) => [s, i]));
  const serviceTop = (i: number) => 40 + i * ROW * 2;
  const messageTop = (i: number) => 40 + i * ROW;
  const height = Math.max(serviceTop(map.services.length), messageTop(messages.length)) + 20;
  const parts: string[] = [];
  const serviceBox = (x: number, i: number, name: string) =>
    `<rect x="${x}" y="${serviceTop(i)}" width="${BOX.service.w}" height="${BOX.service.h}" rx="4" class="service"/>` +
    `<text x="${x + BOX.service.w / 2}" y="${serviceTop(i) + 17}" text-anchor="middle">${escape(name)}</text>`;
  map.services.forEach((s, i) => parts.push(serviceBox(COLUMN.producers, i, s), serviceBox(COLUMN.consumers, i, s)));
  messages.forEach((m, i) => {
    const y = messageTop(i);
    const mid = y + BOX.message.h / 2;
    parts.push(
      `<rect x="${COLUMN.messages}" y="${y}" width="${BOX.message.w}" height="${BOX.message.h}" rx="${m.kind === 'event' ? 13 : 2}" class="${m.kind}"/>` +
        `<text x="${COLUMN.messages + BOX.message.w / 2}" y="${y + 17}" text-anchor="middle">${escape(m.name)}</text>`,
    );
    for (const from of m.from) {
      const sy = serviceTop(rowOf.get(from) ?? 0) + BOX.service.h / 2;
      const sx = COLUMN.producers + BOX.service.w;
      parts.push(
        `<path d="M${sx},${sy} C${sx + 60},${sy} ${COLUMN.messages - 60},${mid} ${COLUMN.messages},${mid}" class="${m.kind}-edge"/>`,
      );
    }
    for (const to of m.to) {
      const ty = serviceTop(rowOf.get(to.service) ?? 0) + BOX.service.h / 2;
      const mx = COLUMN.messages + BOX.message.w;
      parts.push(
        `<path d="M${mx},${mid} C${mx + 60},${mid} ${COLUMN.consumers - 60},${ty} ${COLUMN.consumers},${ty}" class="${m.kind}-edge"><title>${escape(to.label)}</title></path>`,
      );
    }
  });
  const width = COLUMN.consumers + BOX.service.w + 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    '<style>.service{fill:#e8f0fe;stroke:#1a73e8}.event{fill:#e6f4ea;stroke:#188038}.command{fill:#fef7e0;stroke:#e37400}' +
      'path{fill:none;stroke-width:1.2}.event-edge{stroke:#188038}.command-edge{stroke:#e37400;stroke-dasharray:5 3}</style>',
    `<text x="${COLUMN.producers}" y="24" font-weight="bold">publishes / sends</text>`,
    `<text x="${COLUMN.messages}" y="24" font-weight="bold">events (rounded) and commands</text>`,
    `<text x="${COLUMN.consumers}" y="24" font-weight="bold">observes / takes</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
