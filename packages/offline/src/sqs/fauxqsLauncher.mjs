/* global process, URL */
// Runs fauxqs (SQS + S3) for startSqs, on a Node >= 22.5 that may not be the parent's (fauxqs needs
// `node:sqlite`). Protocol: argv[2] is JSON `{ port, host }`; one JSON line on stdout says
// `{ "ready": true, "port": n }` or `{ "error": "…" }`. The parent's end of stdin closing means the parent is
// gone (even if it was killed outright), so we stop then: no orphan emulator.
//
// We use fauxqs's exported buildApp and listen ourselves because startFauxqs always binds 0.0.0.0 whatever
// `host` says (its `host` only names queue URLs); the emulator must only face the loopback, behind the edge.
//
// Queue URLs: fauxqs names them `http://sqs.<region>.localhost:<port>/…` unless its store's host is empty,
// when it uses the request's Host (the edge's, e.g. `127.0.0.1:4566`). `*.localhost` does not resolve on
// Linux, and an SDK client configured by AWS_ENDPOINT_URL alone sends to the QueueUrl's origin, so we empty
// it. The stores are not exported, hence the import by file (fauxqs is pinned).
import { buildApp } from 'fauxqs';

const { port = 0, host = '127.0.0.1' } = JSON.parse(process.argv[2] ?? '{}');
const dist = import.meta.resolve('fauxqs');
const [{ SqsStore }, { SnsStore }, { S3Store }] = await Promise.all([
  import(new URL('./sqs/sqsStore.js', dist).href),
  import(new URL('./sns/snsStore.js', dist).href),
  import(new URL('./s3/s3Store.js', dist).href),
]);
const sqsStore = new SqsStore();
sqsStore.host = '';
const app = buildApp({ logger: false, stores: { sqsStore, snsStore: new SnsStore(), s3Store: new S3Store() } });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await app.close().catch(() => undefined);
  process.exit(0);
}

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();

try {
  await app.listen({ port, host });
  const address = app.server.address();
  process.stdout.write(`${JSON.stringify({ ready: true, port: address.port })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: String(error?.message ?? error) })}\n`);
  process.exit(1);
}
