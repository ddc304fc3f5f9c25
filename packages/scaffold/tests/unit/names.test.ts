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
  it.each(['lending', 'parcel-tracking', 'a1', 'x-2b'])('accepts the kebab-case %s', (name) => {
    expect(() => checkServiceName(name)).not.toThrow();
  });

  it.each(['Lending', 'parcel_tracking', 'parcelTracking', '1st', '-ship', 'ship-', 'ship--it', 'ship it', ''])(
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
  it.each(['loanEvents', 'audit', 'copyV2Events'])('accepts the camelCase %s', (name) => {
    expect(() => checkSubscriberName('lending', name)).not.toThrow();
  });

  it.each(['LoanEvents', 'loan-events', 'loan_events', '2events', 'loanABC'])('refuses %j: not camelCase', (name) => {
    expect(() => checkSubscriberName('lending', name)).toThrow(/must be camelCase/);
  });

  it.each(['delete', 'class', 'default'])('refuses the keyword %s, which the generated code could not bind', (name) => {
    expect(() => checkSubscriberName('lending', name)).toThrow(/keyword/);
  });

  it("refuses a name whose function would pass Lambda's 64 characters", () => {
    const room = 64 - 'lending-'.length - 10 - 1;
    expect(() => checkSubscriberName('lending', 'a'.repeat(room))).not.toThrow();
    expect(() => checkSubscriberName('lending', 'a'.repeat(room + 1))).toThrow(/Lambda function name.*64/);
  });

  it("refuses a name whose DLQ would pass SQS's 80 characters once in kebab-case", () => {
    // 43 characters in camelCase (its function's name fits in 64), 64 in kebab-case: 87 with `lending-<stage>-` and -dlq.
    const name = `a${'Bc'.repeat(21)}`;
    expect(() => checkSubscriberName('lending', name.slice(0, -6))).not.toThrow();
    expect(() => checkSubscriberName('lending', name)).toThrow(/DLQ name.*80/);
  });
});

describe('event names', () => {
  it.each(['ParcelShipped', 'InvoiceMade', 'ReminderSent', 'ShelfLevelChanged', 'ItemV2Created'])(
    'accepts the past-tense fact %s',
    (name) => {
      expect(() => checkEventName(name)).not.toThrow();
    },
  );

  it.each(['ShipParcel', 'ParcelSorting', 'Shipped', 'CreateParcel'])(
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
    expect(camelCase('loans')).toBe('loans');
  });
});
