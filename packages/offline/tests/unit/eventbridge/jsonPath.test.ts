import { compileJsonPath, InvalidJsonPathError, isValidJsonPath } from '../../../src/eventbridge/jsonPath';

const document = {
  detail: {
    'order-id': 'o-1',
    items: [{ isbn: 'A' }, { isbn: 'B' }],
    'a/b': 1,
    nested: { x: { y: false } },
    nothing: null,
  },
};

describe('compileJsonPath', () => {
  it('selects the whole document with $', () => {
    expect(compileJsonPath('$').evaluate(document)).toEqual({ found: true, value: document });
  });

  it('follows dot notation with dashes, underscores and slashes', () => {
    expect(compileJsonPath('$.detail.order-id').evaluate(document).value).toBe('o-1');
    expect(compileJsonPath('$.detail.a/b').evaluate(document).value).toBe(1);
    expect(compileJsonPath('$.detail.nested.x.y').evaluate(document)).toEqual({ found: true, value: false });
  });

  it('indexes arrays', () => {
    expect(compileJsonPath('$.detail.items[1].isbn').evaluate(document).value).toBe('B');
  });

  it('collects what a wildcard matches into an array', () => {
    expect(compileJsonPath('$.detail.items[*].isbn').evaluate(document).value).toEqual(['A', 'B']);
    expect(compileJsonPath('$.detail.nested.*').evaluate(document).value).toEqual([{ y: false }]);
  });

  it('tells a null value from a missing one', () => {
    expect(compileJsonPath('$.detail.nothing').evaluate(document)).toEqual({ found: true, value: null });
    expect(compileJsonPath('$.detail.absent').evaluate(document)).toEqual({ found: false });
    expect(compileJsonPath('$.detail.items[5]').evaluate(document)).toEqual({ found: false });
  });

  it.each(['detail', '$..detail', "$['detail']", '$.detail[', '$.', '$.detail.items[-1]', '$.a b'])(
    'rejects %s, outside the subset EventBridge supports',
    (path) => {
      expect(() => compileJsonPath(path)).toThrow(InvalidJsonPathError);
      expect(isValidJsonPath(path)).toBe(false);
    },
  );
});
