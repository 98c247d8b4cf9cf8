// The key claim attempts are counted under. One IPv6 subscriber usually holds a whole /64, so
// counting per IPv6 address would let one person guess from 2^64 addresses: count per /64 instead.
import { isIPv4, isIPv6 } from 'node:net';

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  const bare = address.replace(/%.*$/, '');
  if (!isIPv6(bare)) return null;
  let text = bare;
  // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const before = parse(head);
  const after = tail === undefined ? [] : parse(tail);
  return [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
}

const hex = (groups: number[]) => groups.map((g) => g.toString(16)).join(':');

export function clientAddressKey(address: string): string {
  if (isIPv4(address)) return address;
  const groups = ipv6Groups(address);
  if (!groups) return address;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  const ipv4 = `${g6 >> 8}.${g6 & 0xff}.${g7 >> 8}.${g7 & 0xff}`;
  const isZeroTo = (last: number) => groups.slice(0, last + 1).every((g) => g === 0);
  // IPv4-mapped (::ffff:a.b.c.d): the IPv4 address itself.
  if (isZeroTo(4) && g5 === 0xffff) return ipv4;
  // NAT64's well-known prefix (64:ff9b::/96, RFC 6052): every IPv4 client of a translator would
  // otherwise share one /64; each is its embedded IPv4 address, as if it had come directly.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4;
  // The local-use prefix (64:ff9b:1::/48, RFC 8215) is carved into translator prefixes of a length
  // the register cannot know (/48 to /96), so the IPv4 address cannot be found in it: each address
  // is one client of its own. It is not routed on the internet, so only the translator makes them.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return `${hex(groups)}/128`;
  return `${hex([g0, g1, g2, g3])}::/64`;
}
