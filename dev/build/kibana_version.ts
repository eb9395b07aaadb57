/**
 * The Kibana release the `@kbn/*` stand-ins in dev/kbn mirror, and so the default
 * `kibanaVersion` of the distributable (override with KIBANA_VERSION) and the version the dev
 * host reports.
 */
export const STAND_IN_KIBANA_VERSION = '9.3.0';
