import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { events } from '@mesh/contracts';
import { checkEventPattern } from '@mesh/contracts/tools';
import { collectDeclarations, eventPattern, eventRulesOf, logicalId, type FoundEventRule } from '../../src';

const root = path.resolve(__dirname, '../../../..');
const servicesDir = path.join(root, 'services');
const subscriptions = collectDeclarations(servicesDir).flatMap((d) => (d.kind === 'subscription' ? [d] : []));

// Every rule or eventBridge event in a service's configuration, generated or written by hand.
function configuredRules(): FoundEventRule[] {
  const rules: FoundEventRule[] = [];
  for (const service of readdirSync(servicesDir).sort()) {
    const file = path.join(servicesDir, service, 'serverless.ts');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (existsSync(file)) rules.push(...eventRulesOf(service, require(file)));
  }
  return rules;
}

describe('every event pattern of the mesh against the contracts', () => {
  const configured = configuredRules();
  const declared = subscriptions.map((d) => ({ name: `${d.service}/${d.name} (declared)`, pattern: eventPattern(d) }));

  it("finds each subscription's rule in its service's configuration", () => {
    const names = configured.map((r) => r.name);
    expect(
      subscriptions.map((d) => `${d.service}/${logicalId(d.name, 'Rule')}`).filter((n) => !names.includes(n)),
    ).toEqual([]);
  });

  it('refers only to sources, detail-types and detail fields the contracts define, with values of their types', () => {
    const issues = [...declared, ...configured].flatMap((r) => checkEventPattern(r.name, r.pattern, events));
    expect(issues.map((i) => `${i.rule} ${i.path}: ${i.problem}`)).toEqual([]);
  });
});
