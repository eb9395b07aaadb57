import * as t from 'io-ts';

/**
 * Why the targets API refused a target, machine-readable beside the sentence in `message`, so
 * that a form marks the field at fault and words the cause for a person. A 400 or 409 from the
 * target routes carries it as the error body's `attributes` (Kibana's `ResponseError` shape);
 * a bulk create's per-item error carries the same keys.
 */
export const TargetRefusalReason = t.keyof(
  {
    /** The value breaks a rule of the request's codec or of the connection settings. */
    invalid: null,
    /** An IP literal in go_runtime.scrape.deniedNetworks. */
    denied_network: null,
    /** A host none of go_runtime.scrape.allowedHosts matches. */
    host_not_allowed: null,
    /** Another target of the space has this URL. */
    duplicate: null,
    /** An earlier item of the same bulk request has this URL. */
    duplicate_in_request: null,
    /** go_runtime.targets.max targets exist already. */
    too_many_targets: null,
    /** Secrets were given and Kibana has no encryption key to store them with. */
    no_encryption_key: null,
  },
  'TargetRefusalReason'
);
export type TargetRefusalReason = t.TypeOf<typeof TargetRefusalReason>;

/** The request fields a refusal can point at: the top-level keys of a create or an update. */
export const TargetField = t.keyof(
  {
    name: null,
    service_name: null,
    url: null,
    interval: null,
    auth: null,
    headers: null,
    tls: null,
    max_custom_vars: null,
    cmdline_mode: null,
  },
  'TargetField'
);
export type TargetField = t.TypeOf<typeof TargetField>;

/** The facts a form needs to say the cause in its own words; each only with its reason. */
export const TargetRefusalAttributes = t.intersection([
  t.type({ reason: TargetRefusalReason }),
  t.partial({
    field: TargetField,
    /** denied_network: the denied address and the configured network it is in. */
    address: t.string,
    network: t.string,
    /** host_not_allowed: the host as compared. */
    host: t.string,
    /** duplicate: the target that has the URL. */
    existing: t.type({ id: t.string, name: t.string }),
    /** duplicate_in_request: the index of the earlier item with the URL. */
    first_index: t.number,
  }),
]);
export type TargetRefusalAttributes = t.TypeOf<typeof TargetRefusalAttributes>;
