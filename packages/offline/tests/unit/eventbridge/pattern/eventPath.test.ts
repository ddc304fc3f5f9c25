import { compileEventPath, someLeafAt } from '../../../../src/eventbridge/pattern/eventPath';
import type { JsonLeaf } from '../../../../src/eventbridge/pattern/types';

const leavesAt = (event: unknown, segments: string[]): JsonLeaf[] => {
  const found: JsonLeaf[] = [];
  someLeafAt(event, compileEventPath(segments), 0, (leaf) => {
    found.push(leaf);
    return false;
  });
  return found;
};

describe('someLeafAt', () => {
  it('finds leaves through objects, arrays, nested arrays and dotted keys', () => {
    expect(leavesAt({ a: { b: 1 } }, ['a', 'b'])).toEqual([1]);
    expect(leavesAt({ a: [{ b: 1 }, { b: [2, [3]] }, { c: 4 }] }, ['a', 'b'])).toEqual([1, 2, 3]);
    expect(leavesAt({ 'a.b': 1, a: { b: 2 } }, ['a', 'b'])).toEqual([2, 1]);
  });

  it('does not count objects or empty arrays as leaves', () => {
    expect(leavesAt({ a: { b: {} } }, ['a', 'b'])).toEqual([]);
    expect(leavesAt({ a: { b: [] } }, ['a', 'b'])).toEqual([]);
    expect(leavesAt({ a: { b: [null, {}] } }, ['a', 'b'])).toEqual([null]);
  });

  it('stops at the first leaf the visitor accepts', () => {
    let visited = 0;
    const found = someLeafAt({ a: [1, 2, 3] }, compileEventPath(['a']), 0, (leaf) => {
      visited++;
      return leaf === 2;
    });
    expect(found).toBe(true);
    expect(visited).toBe(2);
  });
});
