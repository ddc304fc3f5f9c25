import type { StartedEmulators } from './startEmulators';
import type { StartedMesh } from './meshTypes';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** What serverless-esbuild watches under the mesh (`meshEsbuild.watch` of `@mesh/infra`), as a reader says it. */
const WATCHED = 'services/<service>/**/*.ts, packages/*/src/**/*.ts';

/**
 * One compact line for the template resources the mesh does not create offline, grouped by type:
 * `ignored offline: AWS::CloudWatch::Alarm ×2, AWS::IAM::Role ×1 (…)`.
 *
 * @example
 * console.log(formatIgnored(mesh.ignored));
 */
export function formatIgnored(ignored: StartedMesh['ignored']): string {
  if (ignored.length === 0) return 'ignored offline: nothing';
  const byType = new Map<string, { count: number; why: string }>();
  for (const { type, why } of ignored) {
    const entry = byType.get(type) ?? { count: 0, why };
    entry.count += 1;
    byType.set(type, entry);
  }
  const parts = [...byType.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, { count }]) => `${type.replace(/^AWS::/, '')} ×${count}`);
  return `ignored offline (${ignored.length}): ${parts.join(', ')}`;
}

/** The banner `npm run emulators` prints once the emulators answer. */
export function formatEmulatorsBanner(emulators: StartedEmulators, readyMs: number): string {
  return [
    '',
    `Offline AWS ready in ${seconds(readyMs)}`,
    `  edge       ${emulators.edgeUrl}   (export AWS_ENDPOINT_URL=${emulators.edgeUrl})`,
    '  routes     sqs, s3 → fauxqs · dynamodb, dynamodbstreams → DynamoDB Local · events → EventBridge (in-process)',
    `  internal   fauxqs ${emulators.internal.sqs} · DynamoDB Local ${emulators.internal.dynamodb} (listens on ${emulators.internal.dynamodbListensOn})`,
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}

/**
 * The banner `npm run dev` prints once the mesh is ready: every endpoint, service, function, queue and table,
 * the time it took, and one line of what was not created offline.
 *
 * @example
 * console.log(formatReadyBanner(mesh));
 */
export function formatReadyBanner(mesh: StartedMesh): string {
  const lines = [
    '',
    `Mesh ready in ${seconds(mesh.readyMs)} (stage ${mesh.stage}, ${mesh.region})`,
    `  edge (AWS)  ${mesh.edgeUrl}   export AWS_ENDPOINT_URL=${mesh.edgeUrl}`,
    `  REST        ${mesh.httpUrl}/<service>/…`,
    `  WebSocket   ${mesh.websocketUrl}/<service>`,
    ...(mesh.consoleUrl
      ? [`  console     ${mesh.consoleUrl}   queues, dead letters, live events, traces, event map`]
      : []),
    '  services',
  ];
  for (const service of mesh.services) {
    const how = service.packagedFromCache ? 'template cached' : 'packaged';
    lines.push(`    ${service.name}  (${how})`);
    if (service.offline?.httpUrl) lines.push(`      REST ${mesh.httpUrl}/${service.name}`);
    if (service.offline?.websocketUrl) lines.push(`      WebSocket ${mesh.websocketUrl}/${service.name}`);
    if (service.offline) lines.push(`      functions ${service.functions.join(', ')}`);
    if (service.offline?.inspectorUrl) lines.push(`      inspector ${service.offline.inspectorUrl}`);
    for (const queue of service.queues) lines.push(`      queue ${queue.url}`);
    for (const table of service.tables) lines.push(`      table ${table}`);
    if (service.seeded) {
      lines.push(`      seeded ${service.seeded.written} item(s), kept ${service.seeded.kept} already there`);
    }
    const buses = service.provisioned.created.filter((r) => r.type === 'AWS::Events::EventBus');
    for (const bus of buses) lines.push(`      event bus ${bus.physicalId}`);
    const mappings = service.provisioned.eventSourceMappings;
    for (const mapping of mappings) {
      lines.push(`      polls ${sourceLabel(mapping.sourceArn)} → ${mapping.functionName}`);
    }
  }
  lines.push(
    `  ${formatIgnored(mesh.ignored)}`,
    `  watching    ${WATCHED} — a change rebuilds the functions that use it, no restart`,
    '  Ctrl-C stops everything.',
    '',
  );
  return lines.join('\n');
}

// A queue ARN ends with the queue's name; a stream ARN (…:table/<name>/stream/<timestamp>) is named by its
// table, since its timestamp (which holds colons) tells a reader nothing.
export function sourceLabel(arn: string): string {
  const stream = /:table\/([^/]+)\/stream\//.exec(arn);
  return stream ? `${stream[1]} stream` : (arn.split(':').pop() ?? arn);
}
