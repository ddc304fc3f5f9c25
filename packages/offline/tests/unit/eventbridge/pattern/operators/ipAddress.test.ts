import { parseIpv4, parseIpv6 } from '../../../../../src/eventbridge/pattern/operators/ipAddress';

describe('parseIpv4', () => {
  it('reads dotted quads as unsigned numbers', () => {
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(parseIpv4('10.0.0.1')).toBe(0x0a000001);
  });

  it.each(['1.2.3', '1.2.3.4.5', '256.0.0.1', '1..2.3', '1.2.3.4 ', 'a.b.c.d', '1234.1.1.1', ''])(
    'rejects %j',
    (text) => {
      expect(parseIpv4(text)).toBe(-1);
    },
  );
});

describe('parseIpv6', () => {
  const read = (text: string): number[] | undefined => {
    const out = new Uint16Array(8);
    return parseIpv6(text, out) ? [...out] : undefined;
  };

  it('expands :: and reads embedded IPv4 tails', () => {
    expect(read('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(read('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(read('1::')).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(read('2001:db8::ff00:42:8329')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0xff00, 0x42, 0x8329]);
    expect(read('::ffff:192.0.2.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
    expect(read('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it.each([
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    ':1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:',
    '12345::',
    'g::',
    ':::',
  ])('rejects %j', (text) => {
    expect(read(text)).toBeUndefined();
  });
});
