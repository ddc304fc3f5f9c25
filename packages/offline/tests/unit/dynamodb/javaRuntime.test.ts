import { javaMajor } from '../../../src/dynamodb/javaRuntime';

describe('javaMajor', () => {
  it.each([
    ['1.8.0_422', 8],
    ['11.0.2', 11],
    ['17.0.15', 17],
    ['21', 21],
    ['22-ea', 22],
    ['nonsense', 0],
  ])('reads %s as Java %d', (version, major) => {
    expect(javaMajor(version)).toBe(major);
  });
});
