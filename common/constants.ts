/** Identity of the plugin as Kibana sees it; every other module takes these names from here. */
export const PLUGIN_ID = 'goRuntime';

export const TARGET_SAVED_OBJECT_TYPE = 'go-runtime-target';
/** One per URL per space, held by the target that has the URL (server/targets/url_claims.ts). */
export const TARGET_URL_CLAIM_TYPE = 'go-runtime-target-url';

/** The poll tasks' type; their ids are `goRuntime:poll:<partition>` (server/tasks/partitions.ts). */
export const POLL_TASK_TYPE = 'goRuntime:poll';

export const PUBLIC_API_BASE = '/api/go_runtime';
/**
 * The version of every public route (`elastic-api-version`): Kibana lets public routes declare
 * only this one for now (route_version_utils.ts BASE_PUBLIC_VERSION).
 */
export const PUBLIC_API_VERSION = '2023-10-31';
/** The version of every internal route: Kibana's internal versions are whole numbers. */
export const INTERNAL_API_VERSION = '1';
export const INTERNAL_API_BASE = '/internal/go_runtime';
export const TARGETS_ROUTE = `${PUBLIC_API_BASE}/targets`;
export const TARGET_ROUTE = `${PUBLIC_API_BASE}/targets/{id}`;
export const TARGET_ENABLE_ROUTE = `${TARGET_ROUTE}/_enable`;
export const TARGET_DISABLE_ROUTE = `${TARGET_ROUTE}/_disable`;
export const TARGETS_BULK_CREATE_ROUTE = `${TARGETS_ROUTE}/_bulk_create`;
export const TARGETS_BULK_DELETE_ROUTE = `${TARGETS_ROUTE}/_bulk_delete`;
export const TARGETS_BULK_ENABLE_ROUTE = `${TARGETS_ROUTE}/_bulk_enable`;
export const TARGETS_BULK_DISABLE_ROUTE = `${TARGETS_ROUTE}/_bulk_disable`;
export const TARGETS_TEST_ROUTE = `${TARGETS_ROUTE}/_test`;
export const HEAP_SERIES_ROUTE = `${INTERNAL_API_BASE}/heap_series`;

/** API privilege strings; the feature grants them and every route requires one. */
export const API_PRIVILEGES = {
  read: 'goRuntime-read',
  write: 'goRuntime-write',
} as const;

/** UI capabilities under capabilities.goRuntime. */
export const UI_CAPABILITIES = {
  show: 'show',
  save: 'save',
} as const;

/** The id of Kibana's default space, which documents written before spaces existed belong to. */
export const DEFAULT_SPACE_ID = 'default';
