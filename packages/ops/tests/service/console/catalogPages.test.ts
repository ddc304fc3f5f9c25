// The console's event catalog routes, generic: what it refuses. The catalog of the example domain's contracts in a
// browser is e2e/tests/catalogBrowser.test.ts (lint: mesh/no-domain-names).
import path from 'node:path';
import { createHopRecorder, startSqs, type StartedSqs } from '@mesh/offline';
import { startConsole, type StartedConsole } from '../../../src/console';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');

describe('the event catalog served by the local console', () => {
  let sqsEmulator: StartedSqs;
  let web: StartedConsole;

  beforeAll(async () => {
    sqsEmulator = await startSqs();
    web = await startConsole({
      hops: createHopRecorder(),
      edgeUrl: sqsEmulator.endpoint,
      stage: 'catalogtest',
      port: 0,
      repoRoot: REPO_ROOT,
    });
  });

  afterAll(async () => {
    await web?.stop();
    await sqsEmulator?.stop();
  });

  it('answers 404 for a page the catalog does not have, and never reads outside it', async () => {
    for (const route of ['/catalog/Nope.html', '/catalog/..%2Fpackage.json', '/catalog/sub/index.html']) {
      expect((await fetch(`${web.url}${route}`)).status).toBe(404);
    }
  });
});
