import { configSchema } from './config';

describe('go_runtime config', () => {
  it('defaults to 30 days, 8 MiB, 10 s and 20 scrapes at once', () => {
    expect(configSchema.validate({})).toEqual({ retention: '30d', lookBackTime: '2h', scrape: { maxBytes: 8 * 1024 * 1024, timeoutMs: 10_000, concurrency: 20 } });
  });
  it.each([
    [{ retention: '1 month' }, '[retention]: must be a whole number of days or hours'],
    [{ scrape: { timeoutMs: 10 } }, '[scrape.timeoutMs]: Value must be equal to or greater than [500].'],
    [{ scrape: { maxBytes: 1e12 } }, '[scrape.maxBytes]: Value must be equal to or lower than [268435456].'],
    [{ scrap: {} }, '[scrap]: definition for this key is missing'],
    [{ lookBackTime: '2 hours' }, '[lookBackTime]: must be a whole number of minutes, hours or days'],
  ])('rejects %p with a message naming the key', (raw, message) => {
    expect(() => configSchema.validate(raw)).toThrow(message);
  });
});
