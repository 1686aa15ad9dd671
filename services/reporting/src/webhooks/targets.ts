import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '@mpp/errors';

/**
 * Addresses a webhook may not reach unless the deployment allows private targets: loopback,
 * private ranges, link-local (cloud metadata), unique-local and the like. A partner must not be
 * able to make the platform POST into the city's own network.
 */
const PRIVATE = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

export const isPrivateAddress = (address: string): boolean => {
  // An IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  const family = isIP(address);
  return family !== 0 && PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4');
};

const MAX_URL = 2048;

/** Checks a webhook URL when it is registered; returns it normalised. */
export function checkTargetUrl(raw: string, allowPrivate: boolean): string {
  const invalid = (reason: string) => new AppError('invalid', `url ${reason}`, { violations: [{ field: 'url', reason }] });
  if (raw.length === 0) throw invalid('is required');
  if (raw.length > MAX_URL) throw invalid(`is longer than ${MAX_URL} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('is not an absolute URL (https://partner.example/hooks/mpp)');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw invalid('must use https');
  if (url.username || url.password) throw invalid('must not carry credentials; deliveries are signed instead');
  if (url.hash) throw invalid('must not have a #fragment');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (isPrivateAddress(host) || host === 'localhost' || host.endsWith('.localhost'))) {
    throw invalid('points into a private network; this deployment only delivers to public addresses');
  }
  return url.toString();
}

/**
 * Checks where a host resolves just before a delivery (a public name may point inside later).
 * Returns why it is refused, or undefined.
 */
export async function refusedTarget(url: string, allowPrivate: boolean): Promise<string | undefined> {
  if (allowPrivate) return undefined;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  const inside = addresses.find((a) => isPrivateAddress(a.address));
  return inside ? `${host} resolves to the private address ${inside.address}; this deployment only delivers to public addresses` : undefined;
}
