/**
 * Measures the EventBridge pattern engine on a realistic load: 100 compiled rules (the shapes our subscriptions
 * and typical AWS rules use) evaluated against 10,000 events, every rule against every event.
 *
 * Run: `npx tsx packages/offline/bench/patternMatching.ts`
 */
import { performance } from 'node:perf_hooks';

import { compilePattern } from '../src/eventbridge/pattern';
import type { CompiledPattern } from '../src/eventbridge/pattern';

export interface PatternMatchingBenchmark {
  rules: number;
  events: number;
  evaluations: number;
  matched: number;
  compileMilliseconds: number;
  matchMilliseconds: number;
  matchesPerSecond: number;
  nanosecondsPerMatch: number;
}

const SERVICES = ['loans', 'catalog', 'billing', 'reminders'];
const EVENT_TYPES = ['BookLent', 'OrderPaid', 'LoanCancelled', 'CopyReserved', 'CopyReleased', 'FeePaid'];
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-south-1'];

/** A small deterministic generator, so every run measures the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)] as T;
}

function makeRules(count: number, next: () => number): object[] {
  const rules: object[] = [];
  for (let i = 0; i < count; i++) {
    const service = pick(SERVICES, next);
    const eventType = pick(EVENT_TYPES, next);
    switch (i % 10) {
      case 0:
      case 1:
      case 2:
      case 3:
        // The shape our subscriptions generate: source + detail-type.
        rules.push({ source: [`mesh.${service}`], 'detail-type': [eventType, pick(EVENT_TYPES, next)] });
        break;
      case 4:
        rules.push({
          source: [{ prefix: 'mesh.' }],
          detail: { data: { total: [{ numeric: ['>', 100, '<=', 1000] }] } },
        });
        break;
      case 5:
        rules.push({
          source: [`mesh.${service}`],
          detail: { data: { status: [{ 'anything-but': ['CANCELLED', 'FAILED'] }], currency: [{ exists: true }] } },
        });
        break;
      case 6:
        rules.push({
          region: [{ 'anything-but': { prefix: 'us-' } }],
          detail: { data: { isbn: [{ wildcard: 'ISBN-*-7*' }] } },
        });
        break;
      case 7:
        rules.push({
          source: [`mesh.${service}`],
          $or: [
            { detail: { data: { total: [{ numeric: ['>=', 900] }] } } },
            { detail: { data: { priority: [true] } } },
          ],
        });
        break;
      case 8:
        rules.push({
          detail: {
            data: { clientIp: [{ cidr: '10.0.0.0/16' }] },
            'detail-type': [{ 'equals-ignore-case': eventType }],
          },
        });
        break;
      default:
        rules.push({
          'detail-type': [{ suffix: 'Placed' }],
          detail: { data: { tags: ['vip', 'gift'], couponCode: [{ exists: false }] } },
        });
    }
  }
  return rules;
}

function makeEvents(count: number, next: () => number): object[] {
  const events: object[] = [];
  for (let i = 0; i < count; i++) {
    const service = pick(SERVICES, next);
    events.push({
      version: '0',
      id: `id-${i}`,
      source: `mesh.${service}`,
      'detail-type': pick(EVENT_TYPES, next),
      account: '123456789012',
      time: '2026-01-01T00:00:00Z',
      region: pick(REGIONS, next),
      resources: [],
      detail: {
        eventId: `e-${i}`,
        version: 1,
        correlationId: `c-${i % 97}`,
        data: {
          orderId: `o-${i}`,
          total: Math.floor(next() * 1200),
          currency: next() < 0.8 ? 'EUR' : undefined,
          status: pick(['PLACED', 'PAID', 'CANCELLED', 'FAILED'], next),
          isbn: `ISBN-${Math.floor(next() * 100)}-${Math.floor(next() * 100)}`,
          priority: next() < 0.1,
          clientIp: `10.${Math.floor(next() * 2)}.${Math.floor(next() * 255)}.${Math.floor(next() * 255)}`,
          tags: next() < 0.3 ? ['vip', 'new'] : ['regular'],
          ...(next() < 0.5 ? { couponCode: 'WELCOME' } : {}),
        },
      },
    });
  }
  // Events reach the engine as parsed JSON: drop the undefined fields the generator left.
  return events.map((event) => JSON.parse(JSON.stringify(event)) as object);
}

export async function benchPatternMatching(ruleCount = 100, eventCount = 10_000): Promise<PatternMatchingBenchmark> {
  const next = random(42);
  const patterns = makeRules(ruleCount, next);
  const events = makeEvents(eventCount, next);

  const compileStart = performance.now();
  const rules: CompiledPattern[] = patterns.map((pattern) => compilePattern(JSON.stringify(pattern)));
  const compileMilliseconds = performance.now() - compileStart;

  const evaluate = (): number => {
    let matched = 0;
    for (let e = 0; e < events.length; e++) {
      const event = events[e];
      for (let r = 0; r < rules.length; r++) if ((rules[r] as CompiledPattern).matches(event)) matched++;
    }
    return matched;
  };
  evaluate(); // warm-up: let the JIT settle before measuring

  const matchStart = performance.now();
  const matched = evaluate();
  const matchMilliseconds = performance.now() - matchStart;
  const evaluations = rules.length * events.length;
  return {
    rules: rules.length,
    events: events.length,
    evaluations,
    matched,
    compileMilliseconds,
    matchMilliseconds,
    matchesPerSecond: Math.round(evaluations / (matchMilliseconds / 1000)),
    nanosecondsPerMatch: (matchMilliseconds * 1e6) / evaluations,
  };
}

if (require.main === module) {
  void benchPatternMatching().then((result) => {
    console.table({
      rules: result.rules,
      events: result.events,
      evaluations: result.evaluations,
      matched: result.matched,
      'compile (ms)': Number(result.compileMilliseconds.toFixed(2)),
      'match (ms)': Number(result.matchMilliseconds.toFixed(2)),
      'evaluations / s': result.matchesPerSecond,
      'ns / evaluation': Number(result.nanosecondsPerMatch.toFixed(1)),
    });
  });
}
