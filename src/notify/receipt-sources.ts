import { BlockList, isIP } from 'node:net';

/**
 * Neither Aliyun's SmsReport HTTP push nor Tencent Cloud's 短信下发状态回调 signs its request or
 * lets us add a header, so a delivery report is trusted by where it comes from: the tenant's
 * allow-list of the provider's source addresses (channels.sms.receiptAllowFrom).
 */
function parse(entry: string): { address: string; prefix: number | null; family: 'ipv4' | 'ipv6' } | null {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (!version) return null;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  if (bits === undefined) return { address, prefix: null, family };
  if (!/^\d{1,3}$/.test(bits)) return null;
  const prefix = Number(bits);
  const [min, max] = family === 'ipv4' ? [8, 32] : [16, 128];
  return prefix >= min && prefix <= max ? { address, prefix, family } : null;
}

export const isIpOrCidr = (entry: string): boolean => parse(entry) !== null;

/** `::ffff:1.2.3.4` (IPv4 seen through an IPv6 socket) is 1.2.3.4. */
const plain = (ip: string) => ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

/** Is the request's source address on the allow-list? An empty or missing list allows nobody. */
export function sourceAllowed(ip: string | undefined, allowFrom: string[] | undefined): boolean {
  if (!ip || !allowFrom?.length) return false;
  const address = plain(ip);
  const version = isIP(address);
  if (!version) return false;
  const list = new BlockList();
  for (const entry of allowFrom) {
    const p = parse(entry);
    if (!p) continue;
    if (p.prefix === null) list.addAddress(p.address, p.family);
    else list.addSubnet(p.address, p.prefix, p.family);
  }
  return list.check(address, version === 4 ? 'ipv4' : 'ipv6');
}
