import { InvalidEventPatternError } from '../errors';
import type { LeafMatcher } from '../types';
import { parseIpv4, parseIpv6 } from './ipAddress';

export const CIDR = 'cidr';

function readPrefixLength(text: string, from: number, max: number): number {
  if (from >= text.length || text.length - from > 3) return -1;
  let bits = 0;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return -1;
    bits = bits * 10 + (code - 48);
  }
  return bits <= max ? bits : -1;
}

function ipv4Matcher(network: number, bits: number): LeafMatcher {
  // `>>> 0` keeps the arithmetic unsigned; a /0 mask is 0 (a 32-bit shift would be a no-op in JS).
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const masked = (network & mask) >>> 0;
  return (value) => {
    if (typeof value !== 'string') return false;
    const address = parseIpv4(value);
    return address >= 0 && (address & mask) >>> 0 === masked;
  };
}

function ipv6Matcher(network: Uint16Array, bits: number): LeafMatcher {
  const masks = new Uint16Array(8);
  for (let g = 0; g < 8; g++) {
    const groupBits = Math.max(0, Math.min(16, bits - g * 16));
    masks[g] = groupBits === 0 ? 0 : (0xffff << (16 - groupBits)) & 0xffff;
  }
  const scratch = new Uint16Array(8); // reused by every match: matching is synchronous
  return (value) => {
    if (typeof value !== 'string' || !parseIpv6(value, scratch)) return false;
    for (let g = 0; g < 8; g++) {
      const mask = masks[g] as number;
      if (((scratch[g] as number) & mask) !== ((network[g] as number) & mask)) return false;
    }
    return true;
  };
}

/**
 * `{"cidr": "10.0.0.0/24"}` or `{"cidr": "2001:db8::/64"}`: a string event value holding an IP address of the same
 * family inside the block. A bare address (no `/bits`) is the block of that single address.
 */
export function compileCidr(operand: unknown): LeafMatcher {
  if (typeof operand !== 'string') throw new InvalidEventPatternError(`${CIDR} match pattern must be a string`);
  const slash = operand.indexOf('/');
  const addressEnd = slash < 0 ? operand.length : slash;
  const ipv4 = parseIpv4(operand, 0, addressEnd);
  if (ipv4 >= 0) {
    const bits = slash < 0 ? 32 : readPrefixLength(operand, slash + 1, 32);
    if (bits < 0) throw new InvalidEventPatternError(`Nonstandard IP address: ${operand}`);
    return ipv4Matcher(ipv4, bits);
  }
  const ipv6 = new Uint16Array(8);
  if (parseIpv6(operand, ipv6, 0, addressEnd)) {
    const bits = slash < 0 ? 128 : readPrefixLength(operand, slash + 1, 128);
    if (bits < 0) throw new InvalidEventPatternError(`Nonstandard IP address: ${operand}`);
    return ipv6Matcher(ipv6, bits);
  }
  throw new InvalidEventPatternError(`Nonstandard IP address: ${operand}`);
}
