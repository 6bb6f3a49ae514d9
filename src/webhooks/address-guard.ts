// The address rules of webhooks (shared/spec/PLATFORM.md "Events"): no private, loopback or
// link-local target unless WEBHOOK_ALLOWED_HOSTS allows it. Checked after DNS resolution, and the
// connection goes to the very address that was checked (the `lookup` below hands the socket only
// checked addresses), so a name that resolves to a public address when checked and to 127.0.0.1
// when connecting (DNS rebinding) gains nothing.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Where no webhook goes unless allowed: RFC 1918, loopback, link-local, CGNAT, "this network", multicast, reserved, ULA. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127], // :: and ::1
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96], // NAT64: could reach any IPv4 address, the private ones too
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

export interface AddressGuard {
  /** Why the URL may not be used (scheme, or an address it resolves to), or undefined. */
  check(url: URL): Promise<string | undefined>;
  /** For `http.request`: resolves, refuses what is not allowed, and returns only checked addresses. */
  lookup: LookupFunction;
}

export function createAddressGuard(allowedHosts: readonly string[]): AddressGuard {
  const allowedAddresses = new BlockList();
  const allowedNames = new Set<string>();
  for (const entry of allowedHosts) {
    const [net, prefix] = entry.split('/');
    const family = isIP(net!);
    if (family === 0) allowedNames.add(entry);
    else if (prefix === undefined) allowedAddresses.addAddress(net!, family === 6 ? 'ipv6' : 'ipv4');
    else allowedAddresses.addSubnet(net!, Number(prefix), family === 6 ? 'ipv6' : 'ipv4');
  }

  /** Why `address` (what `host` resolved to) is refused, or undefined. */
  function refused(host: string, address: string): string | undefined {
    if (allowedNames.has(host.toLowerCase())) return undefined;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const [a, type] = mapped ? [mapped, 'ipv4' as const] : [address, isIP(address) === 6 ? ('ipv6' as const) : ('ipv4' as const)];
    if (allowedAddresses.check(a, type)) return undefined;
    if (PRIVATE.check(a, type)) return `${address} is a private, loopback or link-local address`;
    return undefined;
  }

  async function resolve(host: string): Promise<{ address: string; family: number }[]> {
    if (isIP(host)) return [{ address: host, family: isIP(host) }];
    return dnsLookup(host, { all: true, verbatim: true });
  }

  /** Every address the name resolves to must be allowed (one private address among public ones is refused). */
  async function checkedAddresses(host: string) {
    const addresses = await resolve(host);
    if (addresses.length === 0) throw new Error(`${host} does not resolve`);
    for (const { address } of addresses) {
      const why = refused(host, address);
      if (why) throw new Error(why);
    }
    return addresses;
  }

  return {
    async check(url) {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only http and https URLs are allowed';
      if (url.username || url.password) return 'the URL may not carry credentials';
      try {
        await checkedAddresses(url.hostname.replace(/^\[|\]$/g, ''));
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
    lookup: ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      checkedAddresses(hostname).then(
        (addresses) => {
          if (options.all) callback(null, addresses);
          else callback(null, addresses[0]!.address, addresses[0]!.family);
        },
        (e: Error) => callback(Object.assign(e, { code: 'EADDRREFUSED' })),
      );
    }) as LookupFunction,
  };
}
