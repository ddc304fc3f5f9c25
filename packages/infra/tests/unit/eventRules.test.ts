import * as z from 'zod/mini';
import { defineEvent } from '@mesh/contracts';
import { checkEventPattern } from '@mesh/contracts/tools';
import { eventRulesOf } from '../../src';

const ParcelShipped = defineEvent({
  name: 'ParcelShipped',
  service: 'shipping',
  version: 1,
  description: 'fixture',
  schema: z.object({ parcelId: z.string() }),
  example: { parcelId: 'p' },
});

const config = {
  resources: {
    Resources: {
      ParcelsRule: {
        Type: 'AWS::Events::Rule',
        Properties: { EventPattern: { source: ['mesh.shipping'], detail: { data: { parcelNo: ['p'] } } } },
      },
      NightlyRule: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 day)' } },
      Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
    },
  },
  functions: {
    onLost: { handler: 'h', events: [{ eventBridge: { pattern: JSON.stringify({ 'detail-type': ['ParcelLost'] }) } }] },
    api: { handler: 'h', events: [{ httpApi: { path: '/' } }] },
  },
};

describe('eventRulesOf', () => {
  it("finds every pattern of a service's rules and functions, skipping schedules", () => {
    expect(eventRulesOf('billing', config)).toEqual([
      { name: 'billing/ParcelsRule', pattern: { source: ['mesh.shipping'], detail: { data: { parcelNo: ['p'] } } } },
      { name: 'billing/onLost', pattern: { 'detail-type': ['ParcelLost'] } },
    ]);
  });

  it('hands each to the contracts check, which names the rule and the path of what no contract defines', () => {
    const issues = eventRulesOf('billing', config).flatMap((r) =>
      checkEventPattern(r.name, r.pattern, [ParcelShipped]),
    );
    expect(issues).toEqual([
      { rule: 'billing/ParcelsRule', path: 'detail.data.parcelNo', problem: 'is not a field of ParcelShipped' },
      { rule: 'billing/onLost', path: 'detail-type', problem: '"ParcelLost" is no event' },
    ]);
  });
});
