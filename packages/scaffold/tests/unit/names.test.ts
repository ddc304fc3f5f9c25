import {
  camelCase,
  checkEventName,
  checkServiceName,
  checkSubscriberName,
  InvalidNameError,
  kebabCase,
  pascalCase,
} from '../../src';

describe('service names', () => {
  it.each(['shipping', 'parcel-tracking', 'a1', 'x-2b'])('accepts the kebab-case %s', (name) => {
    expect(() => checkServiceName(name)).not.toThrow();
  });

  it.each(['Shipping', 'parcel_tracking', 'parcelTracking', '1st', '-ship', 'ship-', 'ship--it', 'ship it', ''])(
    'refuses %j: not kebab-case',
    (name) => {
      expect(() => checkServiceName(name)).toThrow(InvalidNameError);
      expect(() => checkServiceName(name)).toThrow(/must be kebab-case/);
    },
  );

  it('refuses a name that leaves its Lambda functions too little of the 64 characters AWS allows', () => {
    expect(() => checkServiceName('a'.repeat(32))).not.toThrow();
    expect(() => checkServiceName('a'.repeat(33))).toThrow(/too long.*AWS allows 64/);
  });
});

describe('subscriber names', () => {
  it.each(['orderEvents', 'audit', 'stockV2Events'])('accepts the camelCase %s', (name) => {
    expect(() => checkSubscriberName('shipping', name)).not.toThrow();
  });

  it.each(['OrderEvents', 'order-events', 'order_events', '2events', 'orderABC'])(
    'refuses %j: not camelCase',
    (name) => {
      expect(() => checkSubscriberName('shipping', name)).toThrow(/must be camelCase/);
    },
  );

  it.each(['delete', 'class', 'default'])('refuses the keyword %s, which the generated code could not bind', (name) => {
    expect(() => checkSubscriberName('shipping', name)).toThrow(/keyword/);
  });

  it("refuses a name whose function would pass Lambda's 64 characters", () => {
    const room = 64 - 'shipping-'.length - 10 - 1;
    expect(() => checkSubscriberName('shipping', 'a'.repeat(room))).not.toThrow();
    expect(() => checkSubscriberName('shipping', 'a'.repeat(room + 1))).toThrow(/Lambda function name.*64/);
  });

  it("refuses a name whose DLQ would pass SQS's 80 characters once in kebab-case", () => {
    // 43 characters in camelCase (its function's name fits in 64), 64 in kebab-case: 88 with `shipping-<stage>-` and -dlq.
    const name = `a${'Bc'.repeat(21)}`;
    expect(() => checkSubscriberName('shipping', name.slice(0, -6))).not.toThrow();
    expect(() => checkSubscriberName('shipping', name)).toThrow(/DLQ name.*80/);
  });
});

describe('event names', () => {
  it.each(['ParcelShipped', 'PaymentMade', 'OrderSent', 'StockLevelChanged', 'ItemV2Created'])(
    'accepts the past-tense fact %s',
    (name) => {
      expect(() => checkEventName(name)).not.toThrow();
    },
  );

  it.each(['ShipParcel', 'ParcelShipping', 'Shipped', 'CreateOrder'])(
    'refuses %s: not a fact in the past tense',
    (name) => {
      expect(() => checkEventName(name)).toThrow(/past tense/);
    },
  );

  it.each(['parcelShipped', 'Parcel_Shipped', 'Parcel-Shipped', 'PARCELSHIPPED'])(
    'refuses %s: not PascalCase',
    (name) => {
      expect(() => checkEventName(name)).toThrow(/must be PascalCase/);
    },
  );

  it("refuses a name longer than EventBridge's 128-character detail-type", () => {
    expect(() => checkEventName(`${'Parcel'.repeat(21)}Shipped`)).toThrow(/128/);
  });
});

describe('case conversions', () => {
  it('turns kebab, camel and Pascal names into one another', () => {
    expect(pascalCase('parcel-tracking')).toBe('ParcelTracking');
    expect(camelCase('parcel-tracking')).toBe('parcelTracking');
    expect(kebabCase('parcelTrackingV2')).toBe('parcel-tracking-v2');
    expect(camelCase('orders')).toBe('orders');
  });
});
