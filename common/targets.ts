import * as t from 'io-ts';
import {
  boundedString,
  keyOf,
  oneOf,
  printableString,
  strictObject,
  strictObjectWithOptional,
  wholeNumber,
} from './codecs';
import { Interval } from './interval';
import { ProfileSettings, TargetProfilesHealth } from './profiles';
import { ScrapeErrorClass } from './scrape_health';
import { TargetRefusalAttributes } from './target_errors';
import {
  AuthRequest,
  AuthView,
  HeadersRequest,
  HeadersView,
  StoredAuth,
  StoredTls,
  TargetSecrets,
  TlsRequestOrNone,
  TlsView,
} from './target_connection';

/**
 * An http(s) URL of an expvar endpoint. Credentials never ride in the URL: it is shown in the
 * UI and written to `service.address`, so a password there would leak.
 */
export interface TargetUrlBrand {
  readonly TargetUrl: unique symbol;
}
export type TargetUrl = t.Branded<string, TargetUrlBrand>;

export const TargetUrl = new t.Type<TargetUrl, string, unknown>(
  'TargetUrl',
  (u): u is TargetUrl => typeof u === 'string' && checkUrl(u) === undefined,
  (u, c) => {
    if (u === undefined) return t.failure(u, c, `[${keyOf(c)}] is required`);
    if (typeof u !== 'string') return t.failure(u, c, `[${keyOf(c)}] must be a string URL`);
    const problem = checkUrl(u);
    return problem === undefined
      ? t.success(u as TargetUrl)
      : t.failure(u, c, `[${keyOf(c)}] ${problem}`);
  },
  t.identity
);

function checkUrl(value: string): string | undefined {
  if (value.length > 2048) return 'must be at most 2048 characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a valid URL: ${JSON.stringify(
      value
    )} (expected e.g. http://host:6060/debug/vars)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `must use http or https, got ${url.protocol.replace(':', '')}`;
  }
  if (url.username !== '' || url.password !== '') {
    return 'must not contain credentials; configure authentication on the target instead';
  }
  return undefined;
}

/** ECS service.name: what the dashboards group instances by. */
export const ServiceName = printableString('ServiceName', 256);
export const TargetName = printableString('TargetName', 256);

export const DEFAULT_MAX_CUSTOM_VARS = 500;
/** Custom vars kept per scrape; the rest are counted as dropped. Bounds document size. */
export const MaxCustomVars = wholeNumber('MaxCustomVars', 0, 10_000);

/** How much of the target's command line is indexed; see server/derive/redact_cmdline.ts. */
export const CmdlineMode = t.keyof(
  { redact: null, keep: null, omit: null },
  '"redact", "keep" or "omit"'
);
export const DEFAULT_CMDLINE_MODE = 'redact';

/** What is stored in the saved object and accepted on create. */
export const TargetAttributes = strictObjectWithOptional(
  {
    name: TargetName,
    service_name: ServiceName,
    url: TargetUrl,
    interval: Interval,
    enabled: t.boolean,
  },
  {
    max_custom_vars: MaxCustomVars,
    cmdline_mode: CmdlineMode,
    /** Heap and goroutine profiles from the same origin (common/profiles.ts); defaults when absent. */
    profiles: ProfileSettings,
    auth: StoredAuth,
    /** The names of the headers whose values are in `secrets`. */
    header_names: t.array(t.string),
    tls: StoredTls,
    /** Encrypted (encrypted saved objects); absent from what ordinary reads return. */
    secrets: TargetSecrets,
    /**
     * Set on export (the type's `onExport`): the export leaves `secrets` out, so the imported
     * target has none until they are given again. Kibana's connectors mark `isMissingSecrets`
     * the same way. A create or an update with the secrets clears it.
     */
    missing_secrets: t.boolean,
  },
  'TargetAttributes'
);
export type TargetAttributes = t.TypeOf<typeof TargetAttributes>;

/** The settings a create and a full update may leave out; left out, each takes its default. */
const OPTIONAL_TARGET_SETTINGS = {
  enabled: t.boolean,
  max_custom_vars: MaxCustomVars,
  cmdline_mode: CmdlineMode,
  profiles: ProfileSettings,
  auth: AuthRequest,
  headers: HeadersRequest,
  tls: TlsRequestOrNone,
};

export const CreateTargetRequest = strictObjectWithOptional(
  { name: TargetName, service_name: ServiceName, url: TargetUrl, interval: Interval },
  OPTIONAL_TARGET_SETTINGS,
  'CreateTargetRequest'
);
export type CreateTargetRequest = t.TypeOf<typeof CreateTargetRequest>;

export const TargetId = boundedString('TargetId', 128);
export const TargetIdParams = strictObject({ id: TargetId }, 'TargetIdParams');

/**
 * PUT: a full update. Every setting is given (an optional one left out returns to its
 * default), with the `version` the client read: a stale one is a 409.
 */
export const UpdateTargetRequest = strictObjectWithOptional(
  {
    name: TargetName,
    service_name: ServiceName,
    url: TargetUrl,
    interval: Interval,
    version: boundedString('Version', 256),
  },
  OPTIONAL_TARGET_SETTINGS,
  'UpdateTargetRequest'
);
export type UpdateTargetRequest = t.TypeOf<typeof UpdateTargetRequest>;

/** Most ids one bulk request takes: bounded work per request. */
export const MAX_BULK_IDS = 1000;

/**
 * A bulk request's list: non-empty and at most `max` long, checked before its items, so that an
 * oversized request is refused without validating a thousand items first.
 */
function boundedList<A>(
  name: string,
  isItem: (u: unknown) => u is A,
  max: number,
  nouns: { readonly list: string; readonly counted: string },
  validateItems: (u: unknown[], c: t.Context) => t.Validation<A[]>
): t.Type<A[], A[], unknown> {
  return new t.Type<A[], A[], unknown>(
    name,
    (u): u is A[] => Array.isArray(u) && u.length > 0 && u.length <= max && u.every(isItem),
    (u, c) => {
      if (!Array.isArray(u) || u.length === 0)
        return t.failure(u, c, `[${keyOf(c)}] must be a non-empty array of ${nouns.list}`);
      if (u.length > max)
        return t.failure(
          u,
          c,
          `[${keyOf(c)}] takes at most ${max} ${nouns.counted} per request; got ${u.length}`
        );
      return validateItems(u, c);
    },
    t.identity
  );
}

export const BulkTargetsRequest = strictObject(
  {
    ids: boundedList(
      'TargetIds',
      (id): id is string => TargetId.is(id),
      MAX_BULK_IDS,
      { list: 'target ids', counted: 'ids' },
      (u, c) => {
        const bad = u.findIndex((id) => !TargetId.is(id));
        if (bad >= 0)
          return t.failure(u, c, `[${keyOf(c)}.${bad}] must be a target id (1 to 128 characters)`);
        return t.success([...new Set(u as string[])]);
      }
    ),
  },
  'BulkTargetsRequest'
);
export type BulkTargetsRequest = t.TypeOf<typeof BulkTargetsRequest>;

/** What a bulk request did, per target: those that failed are listed with the reason. */
export const BulkTargetsResponse = t.type({
  total: t.number,
  succeeded: t.array(t.string),
  errors: t.array(t.type({ id: t.string, status: t.number, message: t.string })),
});
export type BulkTargetsResponse = t.TypeOf<typeof BulkTargetsResponse>;

/**
 * POST _test: the settings of a target to try once, nothing saved. `target_id`: the target
 * being edited, whose stored secrets stand in for those the request leaves out (as an update
 * keeps them); they are read on the server and never sent back.
 */
export const TestTargetRequest = strictObjectWithOptional(
  { url: TargetUrl },
  {
    target_id: TargetId,
    interval: Interval,
    max_custom_vars: MaxCustomVars,
    auth: AuthRequest,
    headers: HeadersRequest,
    tls: TlsRequestOrNone,
    /** Where the test looks for pprof (`path_prefix`), and whether profiles are off. */
    profiles: ProfileSettings,
  },
  'TestTargetRequest'
);
export type TestTargetRequest = t.TypeOf<typeof TestTargetRequest>;

/** What one scrape of the tested settings gave: what the poller would have written. */
export const TestTargetResponse = t.intersection([
  t.type({
    ok: t.boolean,
    latency_ms: t.number,
    bytes: t.number,
    memstats: t.boolean,
    custom_vars: t.number,
  }),
  t.partial({
    status: t.number,
    error: t.type({ class: ScrapeErrorClass, message: t.string }),
    /** Whether the origin serves profiles, found by the same discovery as at creation. */
    profiles: TargetProfilesHealth,
  }),
]);
export type TestTargetResponse = t.TypeOf<typeof TestTargetResponse>;

/** A target as the API returns it: the attributes plus identity and optimistic-lock version. */
export const Target = t.intersection([
  t.type({ id: t.string, version: t.string }),
  t.type({
    name: t.string,
    service_name: t.string,
    url: t.string,
    interval: t.string,
    enabled: t.boolean,
    max_custom_vars: t.number,
    cmdline_mode: t.string,
    auth: AuthView,
    headers: HeadersView,
  }),
  t.partial({
    tls: TlsView,
    profiles: ProfileSettings,
    /** The target came from an import without its secrets: the has_* flags are false until they are given. */
    missing_secrets: t.literal(true),
  }),
]);
export type Target = t.TypeOf<typeof Target>;

/** Most targets one bulk create takes: bounded work per request. */
export const MAX_BULK_CREATE = 1000;

/** POST _bulk_create: targets to create, each as a single create takes it. */
export const BulkCreateTargetsRequest = strictObject(
  {
    targets: boundedList(
      'CreateTargetRequests',
      (item): item is CreateTargetRequest => CreateTargetRequest.is(item),
      MAX_BULK_CREATE,
      { list: 'targets', counted: 'targets' },
      (u, c) => t.array(CreateTargetRequest).validate(u, c)
    ),
  },
  'BulkCreateTargetsRequest'
);
export type BulkCreateTargetsRequest = t.TypeOf<typeof BulkCreateTargetsRequest>;

/**
 * What a bulk create did, per item of the request (its `index`): the targets created, and why
 * the others were not (400 refused, 409 a duplicate of a target or of an earlier item).
 */
const BulkCreateError = t.intersection([
  t.type({ index: t.number, status: t.number, message: t.string }),
  t.partial({ attributes: TargetRefusalAttributes }),
]);

export const BulkCreateTargetsResponse = t.type({
  total: t.number,
  created: t.array(t.type({ index: t.number, target: Target })),
  errors: t.array(BulkCreateError),
});
export type BulkCreateTargetsResponse = t.TypeOf<typeof BulkCreateTargetsResponse>;

/** `?dry_run=true` on _bulk_create: the same checks, nothing written. */
export const BulkCreateTargetsQuery = strictObjectWithOptional(
  {},
  { dry_run: t.keyof({ true: null, false: null }, '"true" or "false"') },
  'BulkCreateTargetsQuery'
);
export type BulkCreateTargetsQuery = t.TypeOf<typeof BulkCreateTargetsQuery>;

/** What a dry run found: the items a bulk create would create now, and why not the others. */
export const BulkCreateDryRunResponse = t.type({
  total: t.number,
  dry_run: t.literal(true),
  would_create: t.array(t.type({ index: t.number })),
  errors: t.array(BulkCreateError),
});
export type BulkCreateDryRunResponse = t.TypeOf<typeof BulkCreateDryRunResponse>;

/**
 * Whether scrapes of a target work, from its collection state: `down` when the latest scrape
 * failed, `unknown` before the first one. The counts are cumulative and never reset silently.
 */
export const TargetHealth = t.intersection([
  t.type({
    status: t.keyof({ up: null, down: null, unknown: null }),
    missed_slots: t.number,
    dropped_documents: t.number,
    rejected_documents: t.number,
  }),
  t.partial({
    last_scrape_at: t.string,
    last_success_at: t.string,
    duration_ms: t.number,
    last_error: t.type({ class: ScrapeErrorClass, message: t.string, at: t.string }),
    /** Whether the origin serves profiles, from the latest discovery or profile read. */
    profiles: TargetProfilesHealth,
  }),
]);
export type TargetHealth = t.TypeOf<typeof TargetHealth>;

export const TargetWithHealth = t.intersection([Target, t.partial({ health: TargetHealth })]);
export type TargetWithHealth = t.TypeOf<typeof TargetWithHealth>;

export const ListTargetsResponse = t.type({ targets: t.array(TargetWithHealth), total: t.number });
export type ListTargetsResponse = t.TypeOf<typeof ListTargetsResponse>;

const PageNumber = new t.Type<number, string, unknown>(
  'PageNumber',
  (u): u is number => typeof u === 'number',
  (u, c) => {
    const n = typeof u === 'string' && /^\d{1,5}$/.test(u) ? Number(u) : NaN;
    return n >= 1 ? t.success(n) : t.failure(u, c, `[${keyOf(c)}] must be a whole number from 1`);
  },
  String
);

/** At most this many targets per page: 10,000 targets are listed a page at a time. */
export const MAX_PER_PAGE = 10_000;
/** What the targets list sorts by: the columns a person sorts the table by. */
export const TargetSortField = oneOf(['name', 'service_name', 'url', 'enabled']);
export type TargetSortField = t.TypeOf<typeof TargetSortField>;

/** GET /api/go_runtime/targets: a page, found and sorted by the server. */
export const ListTargetsQuery = strictObjectWithOptional(
  {},
  {
    page: PageNumber,
    per_page: new t.Type<number, string, unknown>(
      'PerPage',
      (u): u is number => typeof u === 'number',
      (u, c) => {
        const n = typeof u === 'string' && /^\d{1,5}$/.test(u) ? Number(u) : NaN;
        return n >= 1 && n <= MAX_PER_PAGE
          ? t.success(n)
          : t.failure(u, c, `[${keyOf(c)}] must be a whole number from 1 to ${MAX_PER_PAGE}`);
      },
      String
    ),
    /** Words matched as prefixes of the name, the service or the URL. */
    search: boundedString('Search', 256),
    sort_field: TargetSortField,
    sort_order: t.keyof({ asc: null, desc: null }, '"asc" or "desc"'),
  },
  'ListTargetsQuery'
);
export type ListTargetsQuery = t.TypeOf<typeof ListTargetsQuery>;
