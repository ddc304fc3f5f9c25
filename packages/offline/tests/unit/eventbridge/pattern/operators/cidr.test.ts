import { InvalidEventPatternError, compilePattern } from '../../../../../src/eventbridge/pattern';
import { fieldMatches } from '../detailMatch';

describe('cidr', () => {
  it('matches IPv4 addresses inside the block', () => {
    expect(fieldMatches([{ cidr: '10.0.0.0/24' }], '10.0.0.255')).toBe(true);
    expect(fieldMatches([{ cidr: '10.0.0.0/24' }], '10.0.1.0')).toBe(false);
    expect(fieldMatches([{ cidr: '10.0.0.0/8' }], '10.255.1.2')).toBe(true);
    expect(fieldMatches([{ cidr: '0.0.0.0/0' }], '192.168.1.1')).toBe(true);
    expect(fieldMatches([{ cidr: '192.168.1.7/32' }], '192.168.1.7')).toBe(true);
    expect(fieldMatches([{ cidr: '192.168.1.7' }], '192.168.1.8')).toBe(false);
  });

  it('matches IPv6 addresses whatever their notation', () => {
    const block = [{ cidr: '2001:db8:1234:1a00::/64' }];
    expect(fieldMatches(block, '2001:0db8:1234:1a00:0000:0000:0000:0000')).toBe(true);
    expect(fieldMatches(block, '2001:db8:1234:1a00::1')).toBe(true);
    expect(fieldMatches(block, '2001:DB8:1234:1A00:FFFF::')).toBe(true);
    expect(fieldMatches(block, '2001:db8:1234:1a01::')).toBe(false);
    expect(fieldMatches([{ cidr: '::ffff:10.0.0.0/120' }], '::ffff:10.0.0.9')).toBe(true);
  });

  it('does not match invalid addresses, the other family, or non-strings', () => {
    expect(fieldMatches([{ cidr: '10.0.0.0/24' }], '10.0.0.256')).toBe(false);
    expect(fieldMatches([{ cidr: '10.0.0.0/24' }], '10.0.0')).toBe(false);
    expect(fieldMatches([{ cidr: '10.0.0.0/24' }], '::ffff:10.0.0.1')).toBe(false);
    expect(fieldMatches([{ cidr: '::/0' }], '10.0.0.1')).toBe(false);
    expect(fieldMatches([{ cidr: '10.0.0.0/24' }], 167772161)).toBe(false);
  });

  it.each([
    ['a word', 'bad-filter'],
    ['letters in an IPv4 address', 'xx.11.xx/8'],
    ['an IPv4 mask above 32', '10.0.0.0/33'],
    ['an IPv6 mask above 128', '2001:db8::/129'],
    ['an empty mask', '10.0.0.0/'],
    ['letters in an IPv6 address', 'xxxx:db8:1234:1a00::/64'],
    ['two gaps in an IPv6 address', '2001::db8::/64'],
    ['a list', ['10.0.0.0/24']],
    ['a number', 10],
  ])('rejects %s', (_what, operand) => {
    expect(() => compilePattern({ field: [{ cidr: operand }] })).toThrow(InvalidEventPatternError);
  });
});
