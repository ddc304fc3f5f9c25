import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderEventMapFiles } from '../../src';

const root = path.resolve(__dirname, '../../../..');

describe('the committed event map', () => {
  it.each(Object.entries(renderEventMapFiles(root)))(
    '%s matches the contracts and declarations (npm run event-map)',
    (file, text) => {
      expect(readFileSync(path.join(root, file), 'utf8')).toBe(text);
    },
  );
});
