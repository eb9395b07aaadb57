import { isRight } from 'fp-ts/Either';
import { ScrapeErrorClass } from '../../common/scrape_health';
import { scrapeTemplateMappings, SCRAPE_DIMENSIONS } from '../storage/index_templates';
import { scrapeError, errorClassOf, type ScrapeErrorKind } from '../scrape/scrape_error';
import { buildScrapeHealthDocument } from './scrape_health_document';

const origin = {
  targetId: 't1',
  targetName: 'orders-1',
  serviceName: 'orders',
  url: 'https://127.0.0.1:6061/debug/vars?token=s3cret#x',
  spaceId: 'team-a',
  namespace: 'default',
  periodMs: 10_000,
};
const slotMs = Date.UTC(2026, 0, 1, 0, 0, 10);
const startedAt = new Date(slotMs + 1234);

const get = (document: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);

describe('buildScrapeHealthDocument', () => {
  it('records a success with its slot, duration in ns, bytes and status', () => {
    const document = buildScrapeHealthDocument(origin, {
      slotMs,
      startedAt,
      durationMs: 12.5,
      status: 200,
      bytes: 9876,
    });
    expect(document).toMatchObject({
      '@timestamp': new Date(slotMs).toISOString(),
      event: {
        start: startedAt.toISOString(),
        outcome: 'success',
        duration: 12_500_000,
        dataset: 'go_runtime.scrape',
      },
      go_runtime: {
        target: { id: 't1', name: 'orders-1', space_id: 'team-a' },
        scrape: { bytes: 9876 },
      },
      http: { response: { status_code: 200 } },
      service: { name: 'orders', node: { name: 'orders-1' } },
      data_stream: { type: 'metrics', dataset: 'go_runtime.scrape', namespace: 'default' },
    });
    expect(document).not.toHaveProperty('error');
  });

  it('keeps the query string and fragment out of service.address', () => {
    const document = buildScrapeHealthDocument(origin, {
      slotMs,
      startedAt,
      durationMs: 1,
      bytes: 0,
    });
    expect(get(document, 'service.address')).toBe('https://127.0.0.1:6061/debug/vars');
    expect(JSON.stringify(document)).not.toContain('s3cret');
  });

  it('records a failure with its class and a bounded message, and no status when nothing answered', () => {
    const error = scrapeError('unreachable', 'x'.repeat(5000));
    const document = buildScrapeHealthDocument(origin, {
      slotMs,
      startedAt,
      durationMs: 3,
      bytes: 0,
      error,
    });
    expect(get(document, 'event.outcome')).toBe('failure');
    expect(get(document, 'error.type')).toBe('refused');
    expect((get(document, 'error.message') as string).length).toBe(1024);
    expect(document).not.toHaveProperty('http');
  });

  it('maps every scrape error kind to one of the contract classes', () => {
    const kinds: ScrapeErrorKind[] = [
      'unreachable',
      'dns',
      'tls',
      'timeout',
      'auth',
      'http_status',
      'redirect',
      'too_large',
      'html_page',
      'not_json',
      'too_deep',
      'not_expvar',
      'internal',
      'policy',
    ];
    for (const kind of kinds)
      expect([kind, isRight(ScrapeErrorClass.decode(errorClassOf(kind)))]).toEqual([kind, true]);
    expect(errorClassOf('auth')).toBe('auth');
    expect(errorClassOf('redirect')).toBe('http_status');
  });

  it('maps every field it writes, with the heap dimensions as dimensions', () => {
    const mappings = scrapeTemplateMappings();
    const document = buildScrapeHealthDocument(origin, {
      slotMs,
      startedAt,
      durationMs: 3,
      status: 401,
      bytes: 0,
      error: scrapeError('auth', 'no'),
    });
    const leaves = (node: Record<string, unknown>, prefix = ''): string[] =>
      Object.entries(node).flatMap(([key, value]) =>
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? leaves(value as Record<string, unknown>, `${prefix}${key}.`)
          : [`${prefix}${key}`]
      );
    const mapped = (path: string) =>
      get(mappings.properties, path.split('.').join('.properties.')) as
        | Record<string, unknown>
        | undefined;
    for (const path of leaves(document))
      expect([path, mapped(path) !== undefined]).toEqual([path, true]);
    for (const dimension of SCRAPE_DIMENSIONS)
      expect([dimension, mapped(dimension)?.time_series_dimension]).toEqual([dimension, true]);
  });
});
