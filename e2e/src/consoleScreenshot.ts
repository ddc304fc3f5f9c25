/**
 * `npx tsx scripts/console-screenshot.ts [--out docs/console.png]` (a thin wrapper of this module): renders docs/console.png, the README's picture
 * of the local console. Starts orders and notifications offline (with the bus and inventory; a stage of its own,
 * free ports), places a few orders over
 * HTTP, makes the notifications subscriber fail one malformed message until it reaches its DLQ, opens the
 * console in headless Chromium (/usr/bin/chromium), traces the first order and takes a full-page screenshot.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { GetQueueUrlCommand, SendMessageCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { signDevToken } from '@mesh/bus';
import { chromium } from 'playwright-core';
import { startMesh } from '@mesh/offline';
import { startConsole } from '@mesh/ops';

const ROOT = path.resolve(__dirname, '../..');
const STAGE = 'shot';
const CHROMIUM = '/usr/bin/chromium';

export async function renderConsoleScreenshot(argv: readonly string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const out = path.resolve(ROOT, outIndex >= 0 ? argv[outIndex + 1]! : 'docs/console.png');
  // Handlers log their failures (the reason the console shows); the rest stays quiet.
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  console.error('starting the mesh…');
  const mesh = await startMesh({
    rootDir: ROOT,
    stage: STAGE,
    edgePort: 0,
    httpPort: 0,
    websocketPort: 0,
    console: { port: 0, start: startConsole },
    // Orders and its saga's inventory, and the notifications subscriber (bus and inventory come with them).
    services: ['orders', 'notifications'],
  });
  const sqs = new SQSClient({
    endpoint: mesh.edgeUrl,
    region: mesh.region,
    credentials: { accessKeyId: 'shot', secretAccessKey: 'shot' },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(mesh.consoleUrl!);

    const api = (method: string, route: string, token: string, body: unknown, correlationId?: string) =>
      fetch(`${mesh.httpUrl}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(correlationId ? { 'x-correlation-id': correlationId } : {}),
        },
        body: JSON.stringify(body),
      });
    const admin = signDevToken({ sub: 'admin-shot', scope: 'admin' });
    await api('PUT', '/inventory/stock/SKU-RED-MUG', admin, { onHand: 50 });
    await api('PUT', '/inventory/stock/SKU-TEAPOT', admin, { onHand: 1 });
    const customer = signDevToken({ sub: 'cus-ada' });
    const traced = `checkout-${randomUUID().slice(0, 8)}`;
    const placed = await api(
      'POST',
      '/orders/orders',
      customer,
      { items: [{ sku: 'SKU-RED-MUG', quantity: 2 }] },
      traced,
    );
    if (placed.status !== 201) throw new Error(`placing the order answered ${placed.status}: ${await placed.text()}`);
    await api('POST', '/orders/orders', customer, { items: [{ sku: 'SKU-TEAPOT', quantity: 3 }] });
    await api('POST', '/orders/orders', signDevToken({ sub: 'cus-grace' }), {
      items: [{ sku: 'SKU-RED-MUG', quantity: 1 }],
    });

    await page.locator('[data-testid="trace-input"]').fill(traced);
    await page.locator('[data-testid="trace-button"]').click();
    await page
      .locator('[data-testid="trace-hop"][data-kind="handled"]', { hasText: 'StockReserved' })
      .waitFor({ timeout: 60_000 })
      .catch((error: unknown) => {
        const seen = mesh.hops.query({ correlationId: traced }).map((h) => `${h.kind} ${h.name ?? ''}`);
        throw new Error(`no handled StockReserved in the trace of ${traced}; recorded: ${seen.join(', ')}`, {
          cause: error,
        });
      });
    // Then one malformed message on the notifications subscriber's queue: failed 5 times (1 s apart), then dead.
    // (After the trace: a 1 s visibility timeout would redeliver a cold handler's first, slow, delivery.)
    const { QueueUrl } = await sqs.send(
      new GetQueueUrlCommand({ QueueName: `notifications-${STAGE}-order-lifecycle` }),
    );
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '1' } }));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: JSON.stringify({
          version: '0',
          id: randomUUID(),
          'detail-type': 'OrderPlaced',
          source: 'mesh.orders',
          detail: {
            eventId: `evt-${randomUUID()}`,
            version: 1,
            occurredAt: new Date().toISOString(),
            correlationId: `broken-${randomUUID().slice(0, 8)}`,
            causationId: 'req-broken',
            data: { orderId: 'ord-broken', customerId: 'cus-broken', items: [], total: { amount: 0, currency: 'EUR' } },
          },
        }),
      }),
    );

    await page.locator('[data-testid="dlq-reason"]').first().waitFor({ timeout: 60_000 });
    // Let the last hops of the saga and the queues' depths settle before the picture.
    await page.waitForTimeout(3_000);
    await page.screenshot({ path: out, fullPage: true });
    console.error(`wrote ${path.relative(ROOT, out)}`);
    return 0;
  } finally {
    await browser.close();
    sqs.destroy();
    await mesh.stop();
  }
}
