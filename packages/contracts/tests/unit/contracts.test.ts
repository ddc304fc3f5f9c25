import {
  commands,
  contracts,
  ContractViolationError,
  events,
  findCommand,
  findEvent,
  OrderPlaced,
  parseCommand,
  parseData,
  parseEventDetail,
  ReserveStock,
} from '../../src';

describe('the contract registry', () => {
  it('holds the commerce domain: nine events and two commands', () => {
    expect(events.map((c) => c.name)).toEqual([
      'OrderPlaced',
      'OrderConfirmed',
      'OrderCancelled',
      'StockReserved',
      'StockRejected',
      'StockReleased',
      'PaymentCaptured',
      'PaymentDeclined',
      'PaymentRefunded',
    ]);
    expect(commands.map((c) => c.name)).toEqual(['ReserveStock', 'ReleaseStock']);
  });

  it('names each contract version once', () => {
    const keys = contracts.map((c) => `${c.kind}:${c.name}:v${c.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every event the source of its owning service and its name as detail-type', () => {
    for (const contract of events) {
      expect(contract.source).toBe(`mesh.${contract.service}`);
      expect(contract.detailType).toBe(contract.name);
    }
  });

  it("accepts every contract's own example", () => {
    for (const contract of contracts) expect(() => parseData(contract, contract.example)).not.toThrow();
  });

  it('finds contracts by name, by version, and the latest version by default', () => {
    expect(findEvent('OrderPlaced')).toBe(OrderPlaced);
    expect(findEvent('OrderPlaced', 1)).toBe(OrderPlaced);
    expect(findEvent('OrderPlaced', 2)).toBeUndefined();
    expect(findEvent('Nope')).toBeUndefined();
    expect(findCommand('ReserveStock')).toBe(ReserveStock);
  });

  it('routes a command to the message group of its aggregate', () => {
    expect(ReserveStock.aggregateId(ReserveStock.example)).toBe(ReserveStock.example.orderId);
  });
});

describe('validation against a contract', () => {
  it('names every bad field and the reason', () => {
    const bad = { ...OrderPlaced.example, customerId: '', items: [{ sku: 'lower', quantity: 0 }] };
    let error: unknown;
    try {
      parseData(OrderPlaced, bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContractViolationError);
    const paths = (error as ContractViolationError).issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['customerId', 'items.0.sku', 'items.0.quantity', 'items.0.unitPrice']),
    );
    expect((error as Error).message).toMatch(/^OrderPlaced violates its contract: /);
  });

  it('rejects money that is not in whole minor units', () => {
    const bad = { ...OrderPlaced.example, total: { amount: 12.5, currency: 'EUR' } };
    expect(() => parseData(OrderPlaced, bad)).toThrow(ContractViolationError);
  });

  it('checks the envelope of an event detail and pins its version', () => {
    const detail = {
      eventId: 'evt-1',
      version: 1,
      occurredAt: '2026-11-25T10:00:00.000Z',
      correlationId: 'cor-1',
      causationId: 'req-1',
      data: OrderPlaced.example,
    };
    expect(parseEventDetail(OrderPlaced, detail).data).toEqual(OrderPlaced.example);
    expect(() => parseEventDetail(OrderPlaced, { ...detail, version: 2 })).toThrow(/version/);
    expect(() => parseEventDetail(OrderPlaced, { ...detail, occurredAt: 'yesterday' })).toThrow(/occurredAt/);
    expect(() => parseEventDetail(OrderPlaced, { ...detail, eventId: undefined })).toThrow(/eventId/);
  });

  it('checks a command body: its name must be the contract it is parsed as', () => {
    const body = {
      commandId: 'cmd-1',
      name: 'ReserveStock',
      version: 1,
      issuedAt: '2026-11-25T10:00:00Z',
      correlationId: 'cor-1',
      causationId: 'evt-1',
      data: ReserveStock.example,
    };
    expect(parseCommand(ReserveStock, body).data).toEqual(ReserveStock.example);
    expect(() => parseCommand(ReserveStock, { ...body, name: 'ReleaseStock' })).toThrow(/name/);
  });
});
