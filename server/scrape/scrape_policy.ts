import { BlockList, isIP } from 'node:net';

/**
 * Where the Kibana server may send a scrape (go_runtime.scrape.allowedHosts and
 * deniedNetworks). Targets are typed in by users, so without this any Kibana user with the
 * write privilege could make the server read cloud metadata or other internal endpoints.
 */

/**
 * Link-local (where cloud metadata lives, 169.254.169.254), AWS's IPv6 metadata address and
 * the "this host" ranges that some stacks connect to loopback. Loopback and private ranges are
 * not here: the demo and most on-premise Go services live there.
 */
export const DEFAULT_DENIED_NETWORKS: readonly string[] = [
  '169.254.0.0/16',
  'fe80::/10',
  'fd00:ec2::254/128',
  '0.0.0.0/8',
  '::/128',
];

export interface ScrapePolicyConfig {
  readonly allowedHosts: readonly string[];
  readonly deniedNetworks: readonly string[];
}

interface DeniedNetwork {
  readonly rule: string;
  readonly list: BlockList;
}

/**
 * An IP literal as it is compared: IPv6 compressed and lower case, brackets removed, and an
 * IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its IPv4 address, because connecting to it
 * reaches that IPv4 host. Undefined when `host` is not an IP literal.
 */
export function normaliseIp(
  host: string
): { address: string; family: 'ipv4' | 'ipv6' } | undefined {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const version = isIP(bare);
  if (version === 4) return { address: bare, family: 'ipv4' };
  if (version !== 6) return undefined;
  // The WHATWG URL parser writes every IPv6 spelling the same way, ::ffff:a9fe:a9fe included.
  const compressed = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(compressed);
  if (mapped === null) return { address: compressed, family: 'ipv6' };
  const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
  return { address: [high >> 8, high & 255, low >> 8, low & 255].join('.'), family: 'ipv4' };
}

/** A CIDR (or a single address) as a BlockList, or the reason it is not one. */
export function parseNetwork(rule: string): BlockList | string {
  const [address, prefixText, ...rest] = rule.split('/');
  const ip = rest.length === 0 ? normaliseIp(address) : undefined;
  if (ip === undefined)
    return `[${rule}] is not an IP network like "169.254.0.0/16" or "fe80::/10"`;
  const max = ip.family === 'ipv4' ? 32 : 128;
  const prefix =
    prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return `[${rule}] has a prefix length outside 0-${max}`;
  const list = new BlockList();
  list.addSubnet(ip.address, prefix, ip.family);
  return list;
}

/** Why a host pattern is not one, or undefined: `*`, `*.example.com`, a name or an IP literal. */
export function hostPatternProblem(pattern: string): string | undefined {
  if (normaliseIp(pattern) !== undefined) return undefined;
  const name = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  if (
    pattern === '*' ||
    /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/i.test(name)
  )
    return undefined;
  return `[${pattern}] is not a host pattern like "*", "*.example.com", "go-app.internal" or "10.0.0.5"`;
}

/** Why a host is refused before any connection, as a sentence and as facts. */
export type HostRefusal =
  | { readonly reason: 'host_not_allowed'; readonly host: string; readonly message: string }
  | {
      readonly reason: 'denied_network';
      readonly address: string;
      readonly network: string;
      readonly message: string;
    };

export class PolicyRefusal extends Error {
  /** Set so the refusal is recognised after Node's socket code has passed it on. */
  readonly code = 'ERR_GO_RUNTIME_SCRAPE_POLICY';
}

export class ScrapePolicy {
  private readonly denied: DeniedNetwork[];
  private readonly allowed: readonly string[];

  constructor(config: ScrapePolicyConfig) {
    this.denied = config.deniedNetworks.map((rule) => {
      const list = parseNetwork(rule);
      if (typeof list === 'string') throw new Error(`[go_runtime.scrape.deniedNetworks]: ${list}`);
      return { rule, list };
    });
    this.allowed = config.allowedHosts.map(
      (pattern) => normaliseIp(pattern)?.address ?? pattern.toLowerCase().replace(/\.$/, '')
    );
  }

  /**
   * Why a URL's host may not be scraped, before any connection: it matches no allowed host
   * pattern, or it is an IP literal in a denied network (Node does no lookup for a literal, so
   * the connect-time check would not see it). Undefined when it may be tried.
   */
  refuseHost(hostname: string): string | undefined {
    return this.hostRefusal(hostname)?.message;
  }

  /** The same check for a whole URL, as the targets API does at creation. */
  refuseUrl(url: string): string | undefined {
    return this.urlRefusal(url)?.message;
  }

  /** refuseUrl with the facts behind the sentence, for an API error a form can point at. */
  urlRefusal(url: string): HostRefusal | undefined {
    return this.hostRefusal(new URL(url).hostname);
  }

  private hostRefusal(hostname: string): HostRefusal | undefined {
    const ip = normaliseIp(hostname);
    const host = ip?.address ?? hostname.toLowerCase().replace(/\.$/, '');
    if (!this.allowed.some((pattern) => matchesPattern(pattern, host))) {
      return {
        reason: 'host_not_allowed',
        host,
        message: `the host ${host} matches none of go_runtime.scrape.allowedHosts`,
      };
    }
    if (ip === undefined) return undefined;
    const rule = this.deniedRule(ip.address);
    return rule === undefined
      ? undefined
      : {
          reason: 'denied_network',
          address: ip.address,
          network: rule,
          message: `the address ${ip.address} is in ${rule}, which go_runtime.scrape.deniedNetworks denies`,
        };
  }

  /** Why a resolved address may not be connected to, or undefined. */
  refuseAddress(address: string, hostname: string): string | undefined {
    const ip = normaliseIp(address);
    if (ip === undefined) return `the address ${address} of host ${hostname} is not an IP address`;
    const rule = this.deniedRule(ip.address);
    return rule === undefined
      ? undefined
      : `the address ${ip.address} of host ${hostname} is denied by go_runtime.scrape.deniedNetworks (${rule})`;
  }

  private deniedRule(address: string): string | undefined {
    const family = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    const embedded = family === 'ipv6' ? nat64Ipv4(address) : undefined;
    return this.denied.find(
      ({ list }) =>
        list.check(address, family) || (embedded !== undefined && list.check(embedded, 'ipv4'))
    )?.rule;
  }
}

/**
 * The IPv4 address inside a NAT64 address of the well-known prefix 64:ff9b::/96 (RFC 6052):
 * on a network with a NAT64 gateway, connecting to 64:ff9b::a9fe:a9fe reaches 169.254.169.254,
 * so it is denied wherever its IPv4 address is.
 */
export function nat64Ipv4(address: string): string | undefined {
  const [head, tail, ...more] = address.toLowerCase().split('::');
  if (more.length > 0) return undefined;
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8) return undefined;
  const words = groups.map((group) => parseInt(group, 16));
  if (words.some((word) => !(word >= 0 && word <= 0xffff))) return undefined;
  if (words[0] !== 0x64 || words[1] !== 0xff9b || words.slice(2, 6).some((word) => word !== 0))
    return undefined;
  return [words[6]! >> 8, words[6]! & 255, words[7]! >> 8, words[7]! & 255].join('.');
}

function matchesPattern(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.'))
    return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}
