import type { ElasticsearchClient } from '@kbn/core/server';
import { dataStreamPattern } from '../../common/data_streams';
import {
  DEFAULT_LOOK_BACK_TIME,
  TEMPLATE_SPECS,
  TEMPLATE_VERSION,
  type SourceMode,
  type TemplateSpec,
} from './index_templates';
import { readSourceLayout, type SourceLayout } from './source_layout';
import {
  MANAGED_BY,
  ownMark,
  templateAction,
  type TemplateAction,
  type TemplateMeta,
} from './ownership';

export interface InstallOptions {
  /** The data stream lifecycle's `data_retention` of the plugin's templates (go_runtime.retention). */
  readonly retention: string;
  readonly lookBackTime?: string;
  /**
   * How the heap documents keep `_source`; by default chosen from the cluster's licence
   * (./source_layout.ts). Benches and tests set it to install one layout whatever the licence.
   */
  readonly sourceMode?: SourceMode;
  /** Told what the install did (for a log line or a test). */
  readonly onInstalled?: (outcome: InstallOutcome) => void;
}

export interface InstallOutcome {
  /** The layout the templates were put with, and the licence that chose it. */
  readonly sourceLayout:
    | SourceLayout
    | { readonly mode: SourceMode; readonly licence: 'configured' };
  /** What each of the plugin's template names got. */
  readonly templates: Readonly<Record<string, TemplateAction>>;
  /**
   * False when a template put now had to go without `index.look_back_time`: a cluster
   * without the data-streams module (dev/es) does not know the setting.
   */
  readonly lookBackTimeApplied: boolean;
  /** The plugin's data streams whose write index was of an older version and got the current mappings. */
  readonly remapped: readonly string[];
  /** The plugin's data streams whose write index refused the current mappings: they get them at their next rollover. */
  readonly remapRefused: ReadonlyArray<{ readonly stream: string; readonly reason: string }>;
  /** Data streams under the plugin's patterns that it did not create: left as they are. */
  readonly notOurs: readonly string[];
}

/**
 * Installs or updates the plugin's index templates (metrics-go_runtime.{heap,expvar,scrape}-*)
 * and brings the write index of each of its own data streams up to the current mappings.
 * Ownership is the `_meta.managed_by` mark (./ownership): a template of another owner under
 * one of the plugin's names is never overwritten, and a data stream whose write index lacks
 * the mark (created by another template, or before the plugin's) is neither remapped nor
 * rolled over. Run on every start, by every Kibana node: each step is idempotent.
 */
export async function installIndexTemplates(
  client: ElasticsearchClient,
  options: InstallOptions
): Promise<void> {
  const lookBackTime = options.lookBackTime ?? DEFAULT_LOOK_BACK_TIME;
  const sourceLayout =
    options.sourceMode === undefined
      ? await readSourceLayout(client)
      : { mode: options.sourceMode, licence: 'configured' as const };
  const installed = await installedTemplateMetas(client);
  const templates: Record<string, TemplateAction> = {};
  let lookBackTimeApplied = true;
  const remapped: string[] = [];
  const remapRefused: Array<{ stream: string; reason: string }> = [];
  const notOurs: string[] = [];
  for (const spec of TEMPLATE_SPECS) {
    const meta: TemplateMeta = {
      managed_by: MANAGED_BY,
      template_version: TEMPLATE_VERSION,
      retention: options.retention,
      ...(spec.timeSeries ? { look_back_time: lookBackTime } : {}),
      source_mode: sourceLayout.mode,
    };
    const action = templateAction(installed.get(spec.name), meta);
    templates[spec.name] = action;
    if (action === 'create' || action === 'update') {
      const applied = await putTemplate(client, spec, meta, sourceLayout.mode);
      lookBackTimeApplied &&= applied;
    }
    const streams = await remapOwnStreams(client, spec);
    remapped.push(...streams.remapped);
    remapRefused.push(...streams.refused);
    notOurs.push(...streams.notOurs);
  }
  options.onInstalled?.({
    sourceLayout,
    templates,
    lookBackTimeApplied,
    remapped,
    remapRefused,
    notOurs,
  });
}

/** Template name → its `_meta`, for every installed template under one of the plugin's names. */
async function installedTemplateMetas(
  client: ElasticsearchClient
): Promise<Map<string, { meta: unknown }>> {
  const names = new Set(TEMPLATE_SPECS.map((spec) => spec.name));
  const result = new Map<string, { meta: unknown }>();
  const response = await client.indices
    .getIndexTemplate({ name: 'metrics-go_runtime.*' })
    .catch((error: { meta?: { statusCode?: number } }) => {
      // No template matches (Elasticsearch answers 404 with an empty list).
      if (error.meta?.statusCode === 404) return { index_templates: [] };
      throw error;
    });
  for (const { name, index_template } of response.index_templates)
    if (names.has(name)) result.set(name, { meta: index_template._meta });
  return result;
}

/** Returns whether `index.look_back_time` was taken (false: the cluster does not know it). */
async function putTemplate(
  client: ElasticsearchClient,
  spec: TemplateSpec,
  meta: TemplateMeta,
  mode: SourceMode
): Promise<boolean> {
  const put = (settings: Record<string, unknown>) =>
    client.indices.putIndexTemplate({
      name: spec.name,
      index_patterns: [dataStreamPattern(spec.dataset)],
      data_stream: {},
      // Above Elasticsearch's built-in `metrics` template (priority 100) so ours wins.
      priority: 250,
      _meta: meta,
      template: {
        settings,
        mappings: spec.mappings(mode) as never,
        // Data stream lifecycle: Elasticsearch deletes backing indices older than this. A data
        // stream takes it from the template when it is created.
        lifecycle: { data_retention: meta.retention },
      },
    });
  try {
    await put(spec.settings(meta.look_back_time, mode));
    return true;
  } catch (error) {
    if (
      !spec.timeSeries ||
      !/unknown setting \[index\.look_back_time\]/.test(String((error as Error).message))
    )
      throw error;
    await put(spec.settings(undefined, mode));
    return false;
  }
}

/**
 * A template reaches only the backing indices created after it, so the plugin's own data
 * streams whose write index is of an older version get the current mappings added (fields a
 * newer version maps). Streams without the mark are only counted.
 */
async function remapOwnStreams(
  client: ElasticsearchClient,
  spec: TemplateSpec
): Promise<{
  remapped: string[];
  refused: Array<{ stream: string; reason: string }>;
  notOurs: string[];
}> {
  const result = {
    remapped: [] as string[],
    refused: [] as Array<{ stream: string; reason: string }>,
    notOurs: [] as string[],
  };
  const resolved = await client.indices.resolveIndex({
    name: dataStreamPattern(spec.dataset),
    expand_wildcards: 'all',
  });
  const writeIndices = resolved.data_streams.flatMap((stream) => {
    const index = [...stream.backing_indices].sort(byGeneration).at(-1);
    return index === undefined ? [] : [{ stream: stream.name, index }];
  });
  if (writeIndices.length === 0) return result;
  const mappings = await client.indices.getMapping({
    index: writeIndices.map(({ index }) => index),
  });
  for (const { stream, index } of writeIndices) {
    const mark = ownMark((mappings[index]?.mappings as { _meta?: unknown } | undefined)?._meta);
    if (mark === undefined) {
      result.notOurs.push(stream);
      continue;
    }
    if (mark.template_version >= TEMPLATE_VERSION) continue;
    try {
      await client.indices.putMapping({ index, ...spec.remapMappings } as never);
      result.remapped.push(stream);
    } catch (error) {
      result.refused.push({ stream, reason: (error as Error).message });
    }
  }
  return result;
}

/** `.ds-<stream>-<date>-<generation>`: the highest generation is the write index. */
function byGeneration(a: string, b: string): number {
  const generation = (name: string) => Number(/-(\d+)$/.exec(name)?.[1] ?? 0);
  return generation(a) - generation(b);
}
