import type { LookupAddress } from 'node:dns';
import { policyLookup, type Resolver } from './policy_lookup';
import { DEFAULT_DENIED_NETWORKS, PolicyRefusal, ScrapePolicy, normaliseIp } from './scrape_policy';

// Pure checks: nothing here opens a socket, so the denied forms below are never contacted.
const defaults = new ScrapePolicy({ allowedHosts: ['*'], deniedNetworks: DEFAULT_DENIED_NETWORKS });

/** A resolver answering from a table; a list of answers is used one per lookup (rebinding). */
function fakeResolver(
  table: Record<string, Array<string | string[]>>
): Resolver & { calls: number } {
  const resolver = Object.assign(
    ((hostname, _options, callback) => {
      resolver.calls++;
      const answers = table[hostname];
      if (answers === undefined)
        return callback(
          Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }),
          []
        );
      const next = answers.length > 1 ? answers.shift()! : answers[0];
      const list = (Array.isArray(next) ? next : [next]).map(
        (address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })
      );
      callback(null, list);
    }) as Resolver,
    { calls: 0 }
  );
  return resolver;
}

function lookupOutcome(
  lookup: ReturnType<typeof policyLookup>,
  hostname: string,
  all = true
): Promise<{ error?: Error; addresses?: unknown }> {
  return new Promise((resolve) =>
    lookup(hostname, { all }, (error, addresses) => resolve(error ? { error } : { addresses }))
  );
}

describe('URL host normalisation (the WHATWG parser Node uses)', () => {
  it.each([
    ['http://2852039166/', '169.254.169.254'],
    ['http://0xa9fea9fe/', '169.254.169.254'],
    ['http://0251.0376.0251.0376/', '169.254.169.254'],
    ['http://169.254.43518/', '169.254.169.254'],
    ['http://169.16689662/', '169.254.169.254'],
    ['http://0/', '0.0.0.0'],
    ['http://[::ffff:169.254.169.254]/', '[::ffff:a9fe:a9fe]'],
  ])('%s has the hostname %s', (url, hostname) => {
    expect(new URL(url).hostname).toBe(hostname);
  });
  it('reads an IPv4-mapped IPv6 address as its IPv4 address, in any spelling', () => {
    expect(normaliseIp('[::ffff:a9fe:a9fe]')).toEqual({
      address: '169.254.169.254',
      family: 'ipv4',
    });
    expect(normaliseIp('0:0:0:0:0:FFFF:169.254.169.254')).toEqual({
      address: '169.254.169.254',
      family: 'ipv4',
    });
    expect(normaliseIp('FD00:EC2:0:0:0:0:0:254')).toEqual({
      address: 'fd00:ec2::254',
      family: 'ipv6',
    });
    expect(normaliseIp('go-app.internal')).toBeUndefined();
  });
});

describe('the default policy', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'https://169.254.169.254:443/',
    'http://169.254.169.254./',
    'http://169.254.0.1:6060/debug/vars',
    'http://2852039166/',
    'http://0xa9fea9fe/',
    'http://0XA9FEA9FE/',
    'http://0251.0376.0251.0376/',
    'http://00000000251.0376.0251.0376/',
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://169.254.43518/',
    'http://169.0xfe.43518/',
    'http://169.16689662/',
    'http://[::ffff:169.254.169.254]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[0:0:0:0:0:ffff:a9fe:a9fe]/',
    'http://[fd00:ec2::254]/',
    'http://[fd00:ec2:0:0:0:0:0:254]/',
    'http://[fe80::1]/',
    'http://[FE80::abcd]:6060/',
    'http://[febf:ffff::1]/',
    'http://0/',
    'http://0x0/',
    'http://0.0.0.0/',
    'http://0.1.2.3/',
    'http://[::]/',
    'http://[0:0:0:0:0:0:0:0]/',
    'http://[::ffff:0.0.0.0]/',
    // NAT64 (64:ff9b::/96): through a NAT64 gateway these reach the IPv4 address inside.
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[64:ff9b::169.254.169.254]/',
    'http://[64:ff9b:0:0:0:0:0:0]/',
  ])('refuses %s before connecting', (url) => {
    expect(defaults.refuseUrl(url)).toMatch(
      /^the address \S+ is in \S+, which go_runtime\.scrape\.deniedNetworks denies$/
    );
  });

  it('names the rule that matched', () => {
    expect(defaults.refuseUrl('http://2852039166/')).toBe(
      'the address 169.254.169.254 is in 169.254.0.0/16, which go_runtime.scrape.deniedNetworks denies'
    );
    expect(defaults.refuseUrl('http://[fd00:ec2::254]/')).toBe(
      'the address fd00:ec2::254 is in fd00:ec2::254/128, which go_runtime.scrape.deniedNetworks denies'
    );
  });

  it.each([
    'http://127.0.0.1:6060/debug/vars',
    'http://localhost:6060/debug/vars',
    'http://[::1]/debug/vars',
    'http://10.1.2.3/',
    'http://172.16.0.5/',
    'http://192.168.1.1/',
    'http://[fc00::1]/',
    'http://[fd00:ec2::253]/',
    'http://169.253.255.255/',
    'http://go-app.internal/',
    'http://[64:ff9b::a00:1]/',
  ])('allows loopback, private and named targets: %s', (url) => {
    expect(defaults.refuseUrl(url)).toBeUndefined();
  });

  it.each([
    ['metadata.attacker.test', ['169.254.169.254']],
    ['v6-link-local.attacker.test', ['fe80::1']],
    ['mapped.attacker.test', ['::ffff:169.254.169.254']],
    ['mapped-hex.attacker.test', ['::ffff:a9fe:a9fe']],
    ['zero.attacker.test', ['0.0.0.0']],
    ['aws-v6.attacker.test', ['fd00:ec2::254']],
    ['nat64.attacker.test', ['64:ff9b::a9fe:a9fe']],
    ['mixed.attacker.test', [['10.0.0.1', '169.254.169.254']]],
  ])(
    'refuses the name %s at connect time, since it resolves to a denied address',
    async (hostname, answers) => {
      const lookup = policyLookup(defaults, fakeResolver({ [hostname]: answers }));
      for (const all of [true, false]) {
        const { error } = await lookupOutcome(lookup, hostname, all);
        expect(error).toBeInstanceOf(PolicyRefusal);
        expect(error?.message).toMatch(
          new RegExp(
            `^the address \\S+ of host ${hostname.replace(
              /\./g,
              '\\.'
            )} is denied by go_runtime\\.scrape\\.deniedNetworks \\(\\S+\\)$`
          )
        );
      }
    }
  );

  it('passes allowed addresses on in both lookup shapes', async () => {
    const lookup = policyLookup(
      defaults,
      fakeResolver({ 'go-app.internal': [['10.0.0.7', 'fc00::7']] })
    );
    expect(await lookupOutcome(lookup, 'go-app.internal', true)).toEqual({
      addresses: [
        { address: '10.0.0.7', family: 4 },
        { address: 'fc00::7', family: 6 },
      ],
    });
    const single = await new Promise((resolve) =>
      lookup('go-app.internal', {}, (error, address, family) => resolve({ error, address, family }))
    );
    expect(single).toEqual({ error: null, address: '10.0.0.7', family: 4 });
  });

  it('cannot be bypassed by a name that resolves differently on the second lookup (DNS rebinding)', async () => {
    const resolver = fakeResolver({ 'rebind.attacker.test': ['10.0.0.1', '169.254.169.254'] });
    const lookup = policyLookup(defaults, resolver);
    // The check at creation sees only a name, which passes.
    expect(defaults.refuseUrl('http://rebind.attacker.test/')).toBeUndefined();
    expect(await lookupOutcome(lookup, 'rebind.attacker.test')).toEqual({
      addresses: [{ address: '10.0.0.1', family: 4 }],
    });
    const second = await lookupOutcome(lookup, 'rebind.attacker.test');
    expect(second.error?.message).toBe(
      'the address 169.254.169.254 of host rebind.attacker.test is denied by go_runtime.scrape.deniedNetworks (169.254.0.0/16)'
    );
    expect(resolver.calls).toBe(2);
  });

  it('passes a resolver error on unchanged', async () => {
    const { error } = await lookupOutcome(policyLookup(defaults, fakeResolver({})), 'nowhere.test');
    expect((error as NodeJS.ErrnoException).code).toBe('ENOTFOUND');
  });
});

describe('allowedHosts', () => {
  const policy = new ScrapePolicy({
    allowedHosts: ['*.example.com', 'go-app', '10.0.0.5', '[::1]'],
    deniedNetworks: [],
  });
  it.each([
    'http://a.example.com/',
    'http://A.B.Example.COM./',
    'http://go-app:6060/',
    'http://10.0.0.5/',
    'http://[0:0:0:0:0:0:0:1]/',
  ])('allows %s', (url) => {
    expect(policy.refuseUrl(url)).toBeUndefined();
  });
  it.each([
    ['http://example.com/', 'example.com'],
    ['http://evil-example.com/', 'evil-example.com'],
    ['http://go-app.evil.test/', 'go-app.evil.test'],
    ['http://10.0.0.6/', '10.0.0.6'],
    ['http://0x0a000005.evil.test/', '0x0a000005.evil.test'],
  ])('refuses %s, naming the host', (url, host) => {
    expect(policy.refuseUrl(url)).toBe(
      `the host ${host} matches none of go_runtime.scrape.allowedHosts`
    );
  });
  it('compares IP patterns in their normal form', () => {
    expect(
      new ScrapePolicy({ allowedHosts: ['10.0.0.5'], deniedNetworks: [] }).refuseUrl(
        'http://167772165/'
      )
    ).toBeUndefined();
  });
});

describe('a stricter policy', () => {
  it('denies loopback and private ranges with the documented setting', () => {
    const strict = new ScrapePolicy({
      allowedHosts: ['*'],
      deniedNetworks: [
        ...DEFAULT_DENIED_NETWORKS,
        '127.0.0.0/8',
        '10.0.0.0/8',
        '172.16.0.0/12',
        '192.168.0.0/16',
        '::1/128',
        'fc00::/7',
      ],
    });
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://127.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://10.9.9.9/',
      'http://172.31.0.1/',
      'http://192.168.0.1/',
      'http://[fd12::1]/',
    ]) {
      expect(strict.refuseUrl(url)).toMatch(/which go_runtime\.scrape\.deniedNetworks denies$/);
    }
    expect(strict.refuseUrl('http://172.32.0.1/')).toBeUndefined();
  });
  it('refuses an invalid network when built outside the config schema', () => {
    expect(
      () => new ScrapePolicy({ allowedHosts: ['*'], deniedNetworks: ['10.0.0.0/40'] })
    ).toThrow('[go_runtime.scrape.deniedNetworks]: [10.0.0.0/40] has a prefix length outside 0-32');
  });
});
