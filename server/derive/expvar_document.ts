import { EXPVAR_DATASET } from '../../common/data_streams';
import type { CustomVars } from './custom_vars';
import { scrapeIdentity, type ScrapeOrigin } from './scrape_identity';

/** One scrape's custom vars → one golang.expvar document with fixed mappings. */
export function buildExpvarDocument(
  custom: CustomVars,
  origin: ScrapeOrigin,
  scrapedAt: Date,
  scrapeDurationMs: number
) {
  return {
    ...scrapeIdentity(origin, EXPVAR_DATASET, scrapedAt, scrapeDurationMs),
    golang: {
      expvar: {
        metrics: custom.metrics,
        labels: custom.labels,
        vars: { total: custom.total, dropped: custom.dropped },
      },
    },
  };
}
