import { SOURCES, type Measure, type SourceId } from '../../common/sources';
import type { GoRuntimeConfig } from '../config';
import { SPACE_ID_FIELD } from '../queries/space_filter';

/**
 * Field names a search of an external source defines at query time (`runtime_mappings`), so
 * that one aggregation groups by service and instance whatever field names them on a document.
 */
export const RUNTIME_SERVICE_FIELD = 'go_runtime.source.service';
export const RUNTIME_INSTANCE_FIELD = 'go_runtime.source.instance';

/**
 * One way documents name a service or an instance without a script: the value of `field` on the
 * documents `filter` matches (those lacking every field of higher precedence). A source's keys
 * partition its documents, so an aggregation per key, merged by name, groups like the runtime
 * fields do, on indexed fields: it runs where painless does not (an Elasticsearch without the
 * lang-painless module, as the test cluster built from Maven Central) and uses the index.
 */
export interface IdentityKey {
  readonly field: string;
  readonly filter: object;
  /** Names given to values in kibana.yml (go_runtime.sources.serviceNames: address → name). */
  readonly rename?: Readonly<Record<string, string>>;
}

/** How a query reads one enabled source: where, which documents, and under which names. */
export interface SourceReader {
  readonly id: SourceId;
  readonly index: string;
  /** The source's own documents (agent, module, metricset), and for the plugin the space. */
  documentFilter(spaceId: string): object[];
  /** Documents of one service, by the source's identity rules. */
  serviceFilter(serviceName: string): object;
  /** Documents of some instances of the service. */
  instancesFilter(instances: readonly string[]): object;
  /** The field to group by service / instance (a runtime field for external sources). */
  readonly serviceField: string;
  readonly instanceField: string;
  /** The same identities as the fields above, as keys on indexed fields (see IdentityKey). */
  readonly serviceKeys: readonly IdentityKey[];
  readonly instanceKeys: readonly IdentityKey[];
  /** Defines the runtime fields above; undefined for the plugin's own documents. */
  readonly runtimeMappings?: Record<string, object>;
  /** The source's field for a measure, or undefined when the source cannot feed it. */
  field(measure: Measure): string | undefined;
  readonly defaultPeriodMs: number;
}

type SourcesConfig = GoRuntimeConfig['sources'];

const CONFIG_KEY: Record<
  Exclude<SourceId, 'go_runtime'>,
  keyof Omit<SourcesConfig, 'serviceNames'>
> = {
  apm: 'apm',
  golang_integration: 'golangIntegration',
  metricbeat: 'metricbeat',
};

/** The sources kibana.yml leaves on, the plugin's own first. */
export function sourceReaders(config: SourcesConfig): SourceReader[] {
  const readers: SourceReader[] = [ownReader()];
  for (const id of ['apm', 'golang_integration', 'metricbeat'] as const) {
    const settings = config[CONFIG_KEY[id]];
    if (settings.enabled) readers.push(externalReader(id, settings.indices, config.serviceNames));
  }
  return readers;
}

function ownReader(): SourceReader {
  const shape = SOURCES.go_runtime;
  return {
    id: 'go_runtime',
    index: shape.defaultIndices,
    documentFilter: (spaceId) => [{ term: { [SPACE_ID_FIELD]: spaceId } }],
    serviceFilter: (serviceName) => ({ term: { 'service.name': serviceName } }),
    instancesFilter: (instances) => ({ terms: { 'service.node.name': [...instances] } }),
    serviceField: 'service.name',
    instanceField: 'service.node.name',
    serviceKeys: firstPresentKeys(['service.name']),
    instanceKeys: firstPresentKeys(['service.node.name']),
    field: (measure) => shape.fields[measure],
    defaultPeriodMs: shape.defaultPeriodMs,
  };
}

/**
 * Painless that sets `s` to the first of `fields` a document has. A field absent from an
 * index's mapping is skipped by name, so a pattern matching indices of several shapes never
 * fails the search. (Painless functions cannot read `doc`, hence statements, not a function.)
 */
function firstPresent(fields: readonly string[]): string {
  return [
    'String s = null;',
    ...fields.map(
      (field) =>
        `if (s == null && doc.containsKey('${field}') && doc['${field}'].size() > 0) { s = doc['${field}'].value; }`
    ),
  ].join(' ');
}

/** One key per field: the documents whose first present field among `fields` is that one. */
function firstPresentKeys(fields: readonly string[]): IdentityKey[] {
  return fields.map((field, i) => ({
    field,
    filter: {
      bool: { must_not: fields.slice(0, i).map((earlier) => ({ exists: { field: earlier } })) },
    },
  }));
}

/**
 * Documents whose first present field among `fields` has one of `values`: the same precedence as
 * the runtime field, on indexed fields, so the filter uses the index instead of a script.
 */
function firstPresentIn(fields: readonly string[], values: readonly string[]): object {
  return {
    bool: {
      minimum_should_match: 1,
      should: fields.map((field, i) => ({
        bool: {
          filter: [{ terms: { [field]: [...values] } }],
          must_not: fields.slice(0, i).map((earlier) => ({ exists: { field: earlier } })),
        },
      })),
    },
  };
}

function externalReader(
  id: Exclude<SourceId, 'go_runtime'>,
  indices: string,
  serviceNames: SourcesConfig['serviceNames']
): SourceReader {
  const shape = SOURCES[id];
  const names: Record<string, string> = {};
  for (const entry of serviceNames) names[entry.address] = entry.name;
  const address = shape.addressField;
  // An integration or Metricbeat document without service.name belongs to the service its
  // address is named for in kibana.yml, else to a service named by the address itself.
  const serviceScript = address
    ? `${firstPresent(['service.name', address])}
       if (s != null) {
         if (!(doc.containsKey('service.name') && doc['service.name'].size() > 0) && params.names.containsKey(s)) { s = params.names.get(s); }
         emit(s);
       }`
    : `${firstPresent(['service.name'])} if (s != null) { emit(s); }`;
  const instanceScript = `${firstPresent(shape.instanceFields)} if (s != null) { emit(s); }`;
  const runtimeMappings = {
    [RUNTIME_SERVICE_FIELD]: {
      type: 'keyword',
      script: { source: serviceScript, params: { names } },
    },
    [RUNTIME_INSTANCE_FIELD]: { type: 'keyword', script: { source: instanceScript } },
  };
  const addressesOf = (serviceName: string) => [
    serviceName,
    ...serviceNames.filter((entry) => entry.name === serviceName).map((entry) => entry.address),
  ];
  return {
    id,
    index: indices,
    documentFilter: () =>
      Object.entries(shape.documentFilter).map(([field, value]) => ({ term: { [field]: value } })),
    serviceFilter: (serviceName) =>
      address
        ? {
            bool: {
              minimum_should_match: 1,
              should: [
                { term: { 'service.name': serviceName } },
                {
                  bool: {
                    filter: [{ terms: { [address]: addressesOf(serviceName) } }],
                    must_not: [{ exists: { field: 'service.name' } }],
                  },
                },
              ],
            },
          }
        : { term: { 'service.name': serviceName } },
    instancesFilter: (instances) => firstPresentIn(shape.instanceFields, instances),
    serviceField: RUNTIME_SERVICE_FIELD,
    instanceField: RUNTIME_INSTANCE_FIELD,
    serviceKeys: firstPresentKeys(address ? ['service.name', address] : ['service.name']).map(
      (key) => (key.field === address ? { ...key, rename: names } : key)
    ),
    instanceKeys: firstPresentKeys(shape.instanceFields),
    runtimeMappings,
    field: (measure) => shape.fields[measure],
    defaultPeriodMs: shape.defaultPeriodMs,
  };
}
