import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  GetQueueAttributesCommand,
  ChangeMessageVisibilityCommand,
  GetQueueUrlCommand,
  SendMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { signDevToken } from '@mesh/bus';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readTrace } from '@mesh/ops';
import { pollUntil } from '@mesh/testing';
import { callApi, sharedMesh, type SharedMesh } from '../src/harness';

const CHROMIUM = '/usr/bin/chromium';
const credentials = { accessKeyId: 'console', secretAccessKey: 'console' };

const hasChromium = existsSync(CHROMIUM);
const suite = hasChromium ? describe : describe.skip;
const title = hasChromium
  ? 'the local console in a browser, over the offline mesh'
  : `the local console in a browser — SKIPPED: ${CHROMIUM} is absent (apt-get install chromium)`;

suite(title, () => {
  let mesh: SharedMesh;
  let sqs: SQSClient;
  let browser: Browser;
  let page: Page;
  let stage: string;
  let lifecycleQueue: string;
  let lifecycleDlq: string;
  const admin = signDevToken({ sub: 'admin-console', scope: 'admin' });

  const testid = (id: string) => `[data-testid="${id}"]`;
  const queueRow = (name: string) => page.locator(`${testid('queue-row')}[data-queue="${name}"]`);
  /**
   * Every message the queue holds, visible or not: the console's own reads of a DLQ hide its messages for a
   * moment (as `peek` does), so the visible count alone depends on when it is read.
   */
  const heldBy = async (name: string) => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
  };

  beforeAll(async () => {
    // The e2e project's one mesh, with the console started beside it and the handlers' errors let through (the
    // failure reason the console shows comes from a handler's error line, as under `npm run dev`). Of the files
    // sharing it, only this one breaks the notifications subscriber, so its DLQ holds this file's letters only.
    mesh = await sharedMesh();
    stage = mesh.stage;
    lifecycleQueue = `notifications-${stage}-order-lifecycle`;
    lifecycleDlq = `${lifecycleQueue}-dlq`;
    sqs = new SQSClient({ endpoint: mesh.edgeUrl, region: mesh.region, credentials });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(mesh.consoleUrl!);
    await page.locator(`${testid('connection')}[data-state="live"]`).waitFor({ timeout: 10_000 });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    sqs?.destroy();
  }, 60_000);

  it('is started by the mesh on the loopback: a heading per panel, every queue of the stage with its depths, the event map', async () => {
    expect(mesh.consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await queueRow(lifecycleQueue).waitFor({ timeout: 10_000 });
    for (const name of [`orders-${stage}-order-saga`, `inventory-${stage}-commands.fifo`, lifecycleDlq]) {
      await expect(queueRow(name).count()).resolves.toBe(1);
    }
    await expect(queueRow(lifecycleQueue).locator(testid('queue-dlq-depth')).textContent()).resolves.toBe('0');
    for (const name of ['Queues', 'Dead letters', 'Live events', 'Trace', 'Event map']) {
      await expect(page.getByRole('heading', { name, level: 2 }).count()).resolves.toBe(1);
    }
    await expect(page.getByRole('textbox', { name: 'Correlation id' }).count()).resolves.toBe(1);
    await expect(
      page.locator(testid('event-map')).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).resolves.toBeGreaterThan(0);
  });

  it("shows an order placed through the API in the live event stream, and its saga's trace", async () => {
    const customerId = `cus-console-${randomUUID().slice(0, 8)}`;
    const correlationId = `console-${randomUUID()}`;
    const stock = await callApi(mesh.httpUrl, 'PUT', '/inventory/stock/SKU-RED-MUG', {
      token: admin,
      body: { onHand: 100 },
    });
    expect(stock.status).toBe(200);
    const placed = await fetch(`${mesh.httpUrl}/orders/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${signDevToken({ sub: customerId })}`,
        'content-type': 'application/json',
        'x-correlation-id': correlationId,
      },
      body: JSON.stringify({ items: [{ sku: 'SKU-RED-MUG', quantity: 1 }] }),
    });
    expect(placed.status).toBe(201);
    expect(placed.headers?.get('x-correlation-id')).toBe(correlationId);

    // Pushed to the page (no reload): the row appears by itself.
    const row = page.locator(`${testid('event-row')}[data-name="OrderPlaced"]`, { hasText: correlationId });
    await row.waitFor({ timeout: 30_000 });
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('mesh.orders');

    await row.getByRole('button', { name: `Trace ${correlationId}` }).click();
    await expect(page.locator(testid('trace-input')).inputValue()).resolves.toBe(correlationId);
    // The saga goes on while the trace is open: StockReserved (inventory's answer) shows up live.
    const hop = (kind: string, text: string) =>
      page.locator(`${testid('trace-hop')}[data-kind="${kind}"]`, { hasText: text }).first();
    await hop('published', 'OrderPlaced').waitFor({ timeout: 30_000 });
    await hop('handled', 'OrderPlaced').waitFor({ timeout: 30_000 });
    await hop('published', 'StockReserved').waitFor({ timeout: 30_000 });
    const recorded = (await readTrace(mesh.edgeUrl, correlationId)).hops;
    await expect(page.locator(testid('trace-hop')).count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(page.locator(testid('trace-summary')).textContent()).resolves.toContain(correlationId);
    expect(recorded.filter((h) => h.kind === 'published').map((h) => h.name)).toEqual(
      expect.arrayContaining(['OrderPlaced', 'StockReserved']),
    );
  });

  it('shows a dead letter with the reason it carries, and redrives it with the button', async () => {
    const { QueueUrl: queueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: lifecycleQueue }));
    const { QueueUrl: dlqUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: lifecycleDlq }));

    // An OrderPlaced that breaks its contract (no items), straight on the subscriber's queue: the real
    // notifications handler moves it to its DLQ on the first receive, with its reason as message attributes.
    const correlationId = `broken-${randomUUID()}`;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify({
          version: '0',
          id: randomUUID(),
          'detail-type': 'OrderPlaced',
          source: 'mesh.orders',
          time: new Date().toISOString(),
          detail: {
            eventId: `evt-${randomUUID()}`,
            version: 1,
            occurredAt: new Date().toISOString(),
            correlationId,
            causationId: 'req-broken',
            data: { orderId: 'ord-broken', customerId: 'cus-broken', items: [], total: { amount: 0, currency: 'EUR' } },
          },
        }),
      }),
    );
    // The dead letter as SQS holds it (a receive then a zero visibility timeout leave it in place), other than `except`.
    const deadLetter = (except?: string) =>
      pollUntil('the dead letter', 60_000, async () => {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: dlqUrl,
            WaitTimeSeconds: 1,
            MaxNumberOfMessages: 10,
            MessageAttributeNames: ['All'],
          }),
        );
        // Left in place: fauxqs ignores a receive's VisibilityTimeout of 0, so each is made visible again.
        for (const m of Messages) {
          await sqs.send(
            new ChangeMessageVisibilityCommand({
              QueueUrl: dlqUrl,
              ReceiptHandle: m.ReceiptHandle,
              VisibilityTimeout: 0,
            }),
          );
        }
        return Messages.find((m) => m.Body?.includes(correlationId) && m.MessageId !== except);
      });
    const dead = await deadLetter();
    const reason = dead.MessageAttributes?.['mesh.reason']?.StringValue;
    expect(reason).toMatch(/^ContractViolationError: .*items/);

    const dlq = page.locator(`${testid('dlq')}[data-queue="${lifecycleDlq}"]`);
    const letter = dlq.locator(`${testid('dlq-message')}[data-message-id="${dead.MessageId}"]`);
    await letter.waitFor({ timeout: 60_000 });
    await expect(dlq.locator(testid('dlq-count')).textContent()).resolves.toBe('1');
    await page
      .locator(`${testid('queue-row')}[data-queue="${lifecycleQueue}"] ${testid('queue-dlq-depth')}`, { hasText: '1' })
      .waitFor({ timeout: 10_000 });
    await letter.locator(testid('dlq-reason'), { hasText: `Reason: ${reason}` }).waitFor({ timeout: 10_000 });

    // Redriven, it fails again at once (a contract violation is permanent) and comes back as a new dead
    // letter: the one redriven leaves the page, its successor takes its place with the same reason.
    await dlq.getByRole('button', { name: `Redrive ${lifecycleDlq} to ${lifecycleQueue}` }).click();
    await page
      .locator(testid('redrive-status'), { hasText: `Moved 1 of 1 from ${lifecycleDlq} to ${lifecycleQueue}` })
      .waitFor({ timeout: 30_000 });
    await letter.waitFor({ state: 'detached', timeout: 30_000 });
    const again = await deadLetter(dead.MessageId);
    const successor = dlq.locator(`${testid('dlq-message')}[data-message-id="${again.MessageId}"]`);
    await successor.locator(testid('dlq-reason'), { hasText: `Reason: ${reason}` }).waitFor({ timeout: 30_000 });
    // The one redriven left the DLQ; only its successor is there.
    expect(await heldBy(lifecycleDlq)).toBe(1);
  });
});
