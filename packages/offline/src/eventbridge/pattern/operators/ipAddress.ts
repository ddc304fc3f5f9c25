/**
 * Allocation-free parsers of textual IP addresses, used both to read a `cidr` pattern (once) and to read event
 * values (on every match).
 */

/** The IPv4 address as an unsigned 32-bit number, or -1 when `text` is not a dotted-quad IPv4 address. */
export function parseIpv4(text: string, start = 0, end = text.length): number {
  let result = 0;
  let octets = 0;
  let digits = 0;
  let octet = 0;
  for (let i = start; i <= end; i++) {
    const code = i < end ? text.charCodeAt(i) : 46; // a virtual final '.' closes the last octet
    if (code >= 48 && code <= 57) {
      octet = octet * 10 + (code - 48);
      digits++;
      if (digits > 3 || octet > 255) return -1;
    } else if (code === 46) {
      if (digits === 0 || octets === 4) return -1;
      result = result * 256 + octet;
      octets++;
      digits = 0;
      octet = 0;
    } else {
      return -1;
    }
  }
  return octets === 4 ? result : -1;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/**
 * Reads an IPv6 address (with `::` compression and an optional dotted IPv4 tail) into `out` as eight 16-bit
 * groups. Returns false when `text` is not an IPv6 address.
 */
export function parseIpv6(text: string, out: Uint16Array, start = 0, end = text.length): boolean {
  let groups = 0;
  let gapAt = -1;
  let i = start;
  if (end - start < 2) return false;
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) return false;
    gapAt = 0;
    i += 2;
  }
  while (i < end) {
    if (groups === 8) return false;
    let value = 0;
    let digits = 0;
    let j = i;
    while (j < end) {
      const hex = hexValue(text.charCodeAt(j));
      if (hex < 0) break;
      value = value * 16 + hex;
      digits++;
      j++;
    }
    if (j < end && text.charCodeAt(j) === 46) {
      // An embedded IPv4 address takes the last two groups.
      const ipv4 = parseIpv4(text, i, end);
      if (ipv4 < 0 || groups > 6) return false;
      out[groups++] = ipv4 >>> 16;
      out[groups++] = ipv4 & 0xffff;
      break;
    }
    if (digits === 0 || digits > 4) return false;
    out[groups++] = value;
    i = j;
    if (i === end) break;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    if (i < end && text.charCodeAt(i) === 58) {
      if (gapAt >= 0) return false;
      gapAt = groups;
      i++;
    } else if (i === end) {
      return false; // a single trailing ':'
    }
  }
  if (gapAt < 0) return groups === 8;
  if (groups > 7) return false;
  // Shift the groups after the gap to the end, zero-filling the gap.
  const shift = 8 - groups;
  for (let g = groups - 1; g >= gapAt; g--) out[g + shift] = out[g] as number;
  for (let g = gapAt; g < gapAt + shift; g++) out[g] = 0;
  return true;
}
