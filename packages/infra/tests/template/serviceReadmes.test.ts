import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FACTS_BEGIN, FACTS_END, renderServiceReadmes } from '../../src';

const root = path.resolve(__dirname, '../../../..');
const rendered = renderServiceReadmes(root);

describe("the services' READMEs", () => {
  it('exist for every service with functions', () => {
    expect(Object.keys(rendered).length).toBeGreaterThan(0);
  });

  it.each(Object.entries(rendered))(
    '%s states what the service owns, publishes, observes, accepts and routes as its code does (npm run readmes)',
    (file, text) => {
      const committed = readFileSync(path.join(root, file), 'utf8');
      expect(committed).toContain(FACTS_BEGIN);
      expect(committed).toContain(FACTS_END);
      expect(committed).toBe(text);
    },
  );
});
