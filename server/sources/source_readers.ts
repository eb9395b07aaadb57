import { SOURCES, type Measure, type SourceId } from '../../common/sources';
import type { GoRuntimeConfig } from '../config';
import { SPACE_ID_FIELD } from '../queries/space_filter';

/**
 * One way documents name a service or an instance without a script: the value of `field` on the
 * documents `filter` matches (those lacking every field of higher precedence). A source's keys
 * partition its documents, so an aggregation per key, merged by name, groups as a script-defined
 * (runtime) field would, on indexed fields: it runs where painless does not (an Elasticsearch
 * without the lang-painless module, as the test cluster built from Maven Central), uses the index
 * and runs no script per document.
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
  /** How documents name the service and the instance, as keys on indexed fields (IdentityKey). */
  readonly serviceKeys: readonly IdentityKey[];
  readonly instanceKeys: readonly IdentityKey[];
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
  const readers: SourceReader[] = [ownSourceReader()];
  for (const id of ['apm', 'golang_integration', 'metricbeat'] as const) {
    const settings = config[CONFIG_KEY[id]];
    if (settings.enabled) readers.push(externalReader(id, settings.indices, config.serviceNames));
  }
  return readers;
}

/** The plugin's own documents, always read (the first of sourceReaders). */
export function ownSourceReader(): SourceReader {
  const shape = SOURCES.go_runtime;
  return {
    id: 'go_runtime',
    index: shape.defaultIndices,
    documentFilter: (spaceId) => [{ term: { [SPACE_ID_FIELD]: spaceId } }],
    serviceFilter: (serviceName) => ({ term: { 'service.name': serviceName } }),
    instancesFilter: (instances) => ({ terms: { 'service.node.name': [...instances] } }),
    serviceKeys: firstPresentKeys(['service.name']),
    instanceKeys: firstPresentKeys(['service.node.name']),
    field: (measure) => shape.fields[measure],
    defaultPeriodMs: shape.defaultPeriodMs,
  };
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
 * the identity keys.
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
    serviceKeys: firstPresentKeys(address ? ['service.name', address] : ['service.name']).map(
      (key) => (key.field === address ? { ...key, rename: names } : key)
    ),
    instanceKeys: firstPresentKeys(shape.instanceFields),
    field: (measure) => shape.fields[measure],
    defaultPeriodMs: shape.defaultPeriodMs,
  };
}
