import { checkConfig, configSchema } from './config';

describe('go_runtime config', () => {
  it('defaults to 30 days, 8 MiB, 10 s, 20 scrapes at once, 4 partitions of 30 s runs and a 64 MiB buffer', () => {
    expect(configSchema.validate({})).toEqual({
      retention: '30d',
      lookBackTime: '2h',
      sizeClasses: { periodMinutes: 5 },
      sources: {
        apm: { enabled: true, indices: 'metrics-apm.internal-*' },
        golangIntegration: { enabled: true, indices: 'logs-golang.heap-*,logs-golang.expvar-*' },
        metricbeat: { enabled: true, indices: 'metricbeat-*' },
        serviceNames: [],
      },
      scrape: {
        maxBytes: 8 * 1024 * 1024,
        timeoutMs: 10_000,
        concurrency: 20,
        allowedHosts: ['*'],
        deniedNetworks: ['169.254.0.0/16', 'fe80::/10', 'fd00:ec2::254/128', '0.0.0.0/8', '::/128'],
      },
      poll: { partitions: 4, runSeconds: 30, timeoutSeconds: 180 },
      targets: { max: 10_000 },
      buffer: { maxBytes: 64 * 1024 * 1024 },
    });
  });
  it('accepts host patterns and networks of both families', () => {
    const scrape = {
      allowedHosts: ['*.example.com', 'go-app', '10.0.0.5', '[::1]'],
      deniedNetworks: ['127.0.0.0/8', '::1/128', '10.1.2.3'],
    };
    expect(configSchema.validate({ scrape }).scrape).toMatchObject(scrape);
  });
  it('refuses a task timeout that leaves a run no time to finish, naming both keys', () => {
    const config = configSchema.validate({ poll: { runSeconds: 60, timeoutSeconds: 60 } });
    expect(() => checkConfig(config)).toThrow(
      '[go_runtime.poll.timeoutSeconds] must be at least [go_runtime.poll.runSeconds] + 15 (75); got 60'
    );
  });
  it.each([
    [{ retention: '1 month' }, '[retention]: must be a whole number of days or hours'],
    [{ retention: '0d' }, '[retention]: must be a whole number of days or hours'],
    [
      { scrape: { timeoutMs: 10 } },
      '[scrape.timeoutMs]: Value must be equal to or greater than [500].',
    ],
    [
      { scrape: { maxBytes: 1e12 } },
      '[scrape.maxBytes]: Value must be equal to or lower than [268435456].',
    ],
    [{ scrap: {} }, '[scrap]: definition for this key is missing'],
    [{ poll: { partitions: 0 } }, '[poll.partitions]: Value must be equal to or greater than [1].'],
    [{ poll: { partitions: 65 } }, '[poll.partitions]: Value must be equal to or lower than [64].'],
    [
      { buffer: { maxBytes: 10 } },
      '[buffer.maxBytes]: Value must be equal to or greater than [1048576].',
    ],
    [
      { lookBackTime: '2 hours' },
      '[lookBackTime]: must be a whole number of minutes, hours or days',
    ],
    [
      { scrape: { deniedNetworks: ['169.254.0.0/33'] } },
      '[scrape.deniedNetworks.0]: [169.254.0.0/33] has a prefix length outside 0-32',
    ],
    [
      { scrape: { deniedNetworks: ['metadata'] } },
      '[scrape.deniedNetworks.0]: [metadata] is not an IP network',
    ],
    [
      { scrape: { allowedHosts: ['http://x/'] } },
      '[scrape.allowedHosts.0]: [http://x/] is not a host pattern',
    ],
    [
      { scrape: { allowedHosts: [] } },
      '[scrape.allowedHosts]: array size is [0], but cannot be smaller than [1]',
    ],
  ])('rejects %p with a message naming the key', (raw, message) => {
    expect(() => configSchema.validate(raw)).toThrow(message);
  });
});
