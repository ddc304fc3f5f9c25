// The event catalog of the example domain's contracts in a browser, served by the local console: its pages name
// the real events and their subscribers, so the test lives here rather than in @mesh/ops (lint: mesh/no-domain-names).
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { contracts, OrderPlaced } from '@mesh/contracts';
import { createHopRecorder, startSqs, type MeshHopRecorder, type StartedSqs } from '@mesh/offline';
import { startConsole, type StartedConsole } from '@mesh/ops';

const CHROMIUM = '/usr/bin/chromium';
const REPO_ROOT = path.resolve(__dirname, '../..');
const hasChromium = existsSync(CHROMIUM);
const suite = hasChromium ? describe : describe.skip;
const title = hasChromium
  ? 'the event catalog in a browser, served by the local console'
  : `the event catalog in a browser — SKIPPED: ${CHROMIUM} is absent (apt-get install chromium)`;

suite(title, () => {
  let sqsEmulator: StartedSqs;
  let hops: MeshHopRecorder;
  let web: StartedConsole;
  let browser: Browser;
  let page: Page;
  const testid = (id: string) => `[data-testid="${id}"]`;

  beforeAll(async () => {
    sqsEmulator = await startSqs();
    hops = createHopRecorder();
    web = await startConsole({
      hops,
      edgeUrl: sqsEmulator.endpoint,
      stage: 'catalogtest',
      port: 0,
      repoRoot: REPO_ROOT,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await sqsEmulator?.stop();
  });

  it("opens an event's catalog page from the console's live events", async () => {
    await page.goto(web.url);
    hops.record({
      at: Date.now(),
      kind: 'published',
      name: OrderPlaced.name,
      source: OrderPlaced.source,
      eventId: 'evt-catalog',
      correlationId: 'cor-catalog',
    });
    const link = page.locator(`${testid('event-row')}[data-event-id="evt-catalog"] ${testid('catalog-link')}`);
    await link.click();
    await page.waitForURL(`${web.url}/catalog/OrderPlaced.html`);

    await expect(page.locator('h1').innerText()).resolves.toMatch(/^OrderPlaced\s*event$/);
    const subscribers = await page.locator('#v1 table').last().locator('tbody tr').allInnerTexts();
    expect(subscribers.map((row) => row.split('\t').slice(0, 4).join(' '))).toEqual([
      'notifications order-lifecycle notifications-{stage}-order-lifecycle notifications-{stage}-order-lifecycle-dlq',
      'orders order-saga orders-{stage}-order-saga orders-{stage}-order-saga-dlq',
      'payments order-events payments-{stage}-order-events payments-{stage}-order-events-dlq',
    ]);
    await expect(page.locator('#v1 pre').first().innerText()).resolves.toContain('"orderId": "ord-01J9Z6"');
    // CATALOG_SCREENSHOT=docs/catalog.png renews the docs' picture; otherwise the run leaves the checkout alone.
    const shot = process.env.CATALOG_SCREENSHOT ?? path.join(tmpdir(), 'catalog.png');
    await page.screenshot({ path: path.resolve(REPO_ROOT, shot) });
  });

  it('lists every contract, and its search box narrows the list to what matches', async () => {
    await page.goto(`${web.url}/catalog`);
    const rows = page.locator('tbody tr');
    const names = [...new Set(contracts.map((c) => c.name))].sort();
    await expect(rows.locator('td:first-child').allInnerTexts()).resolves.toEqual(names);

    await page.locator('#search').fill('refund');
    await expect(rows.locator('visible=true').locator('td:first-child').allInnerTexts()).resolves.toEqual([
      'PaymentRefunded',
    ]);
    await page.locator('#search').fill('inventory orderId');
    const shown = await rows.locator('visible=true').locator('td:first-child').allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((name) => contracts.some((c) => c.name === name && c.service === 'inventory'))).toBe(true);
    await page.locator('#search').fill('no-such-thing');
    await expect(page.locator('#no-match').isVisible()).resolves.toBe(true);
  });
});
