import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The keys Kibana's manifest parser accepts in an external plugin's flat `kibana.json`; any
 * other key stops the plugin from loading (KNOWN_MANIFEST_FIELDS in
 * src/core/packages/plugins/server-internal/src/discovery/plugin_manifest_parser.ts).
 */
export const KNOWN_MANIFEST_FIELDS = [
  'id',
  'kibanaVersion',
  'type',
  'version',
  'configPath',
  'requiredPlugins',
  'optionalPlugins',
  'runtimePluginDependencies',
  'ui',
  'server',
  'extraPublicDirs',
  'requiredBundles',
  'serviceFolders',
  'owner',
  'description',
  'enabledOnAnonymousPages',
] as const;

export interface FlatKibanaManifest {
  readonly id: string;
  readonly version: string;
  /** Exact x.y.z: `bin/kibana-plugin install` and the parser both require it to equal Kibana's. */
  readonly kibanaVersion: string;
  readonly owner: { readonly name: string };
  readonly description?: string;
  readonly server: boolean;
  readonly ui: boolean;
  readonly requiredPlugins: readonly string[];
  readonly optionalPlugins: readonly string[];
  /** Plugins whose browser bundles this plugin's bundle imports from (e.g. kibanaReact). */
  readonly requiredBundles: readonly string[];
}

interface PackageManifest {
  readonly id: string;
  readonly owner: readonly string[] | string;
  readonly description?: string;
  readonly plugin: {
    readonly id: string;
    readonly server: boolean;
    readonly browser: boolean;
    readonly requiredPlugins?: readonly string[];
    readonly optionalPlugins?: readonly string[];
    readonly requiredBundles?: readonly string[];
  };
}

/** Kibana's own packages are `@kbn/`-scoped; a third-party plugin's package id must not be. */
const KIBANA_OWN_SCOPE = '@kbn/';

export function readJsonc<T>(file: string): T {
  const parsed = ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8'));
  if (parsed.error !== undefined) throw new Error(`${file}: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, '\n')}`);
  return parsed.config as T;
}

/** The flat kibana.json of the distributable, from kibana.jsonc (the package form) and package.json. */
export function flatKibanaManifest(root: string, kibanaVersion: string): FlatKibanaManifest {
  const source = readJsonc<PackageManifest>(path.join(root, 'kibana.jsonc'));
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  if (typeof source.id !== 'string' || source.id.startsWith(KIBANA_OWN_SCOPE))
    throw new Error(`kibana.jsonc id ${String(source.id)}: the ${KIBANA_OWN_SCOPE} scope belongs to Kibana's own packages`);
  const owner = Array.isArray(source.owner) ? source.owner[0] : source.owner;
  if (typeof owner !== 'string' || owner === '') throw new Error('kibana.jsonc needs an owner');
  return {
    id: source.plugin.id,
    version: pkg.version,
    kibanaVersion,
    owner: { name: owner },
    ...(source.description === undefined ? {} : { description: source.description }),
    server: source.plugin.server,
    ui: source.plugin.browser,
    requiredPlugins: source.plugin.requiredPlugins ?? [],
    optionalPlugins: source.plugin.optionalPlugins ?? [],
    requiredBundles: source.plugin.requiredBundles ?? [],
  };
}

const EXACT_VERSION = /^\d+\.\d+\.\d+$/;
const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;
const isStringArray = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * What Kibana would refuse in a kibana.json, checked the way plugin_manifest_parser.ts and
 * `bin/kibana-plugin install` check it; an empty list means it loads.
 */
export function kibanaManifestProblems(manifest: unknown, runningKibanaVersion?: string): string[] {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) return ['the manifest must be a JSON object'];
  const m = manifest as Record<string, unknown>;
  const problems: string[] = [];
  const known = new Set<string>(KNOWN_MANIFEST_FIELDS);
  const unknown = Object.keys(m).filter((key) => !known.has(key));
  if (unknown.length > 0) problems.push(`unrecognized properties: ${unknown.join(', ')}`);
  if (typeof m.id !== 'string' || m.id === '') problems.push('"id" must be a non-empty string');
  else if (m.id.includes('.') || !CAMEL_CASE.test(m.id)) problems.push(`"id" must be camelCase without dots, got ${m.id}`);
  if (typeof m.version !== 'string' || m.version === '') problems.push('"version" must be a non-empty string');
  if (typeof m.kibanaVersion !== 'string' || !EXACT_VERSION.test(m.kibanaVersion)) problems.push(`"kibanaVersion" must be an exact x.y.z, got ${String(m.kibanaVersion)}`);
  else if (runningKibanaVersion !== undefined && m.kibanaVersion !== runningKibanaVersion) {
    problems.push(`the plugin is built for Kibana ${m.kibanaVersion}, not ${runningKibanaVersion}`);
  }
  const owner = m.owner as { name?: unknown } | undefined;
  if (owner === null || typeof owner !== 'object' || typeof owner.name !== 'string' || owner.name === '') problems.push('"owner.name" must be a non-empty string');
  if (m.server !== true && m.ui !== true) problems.push('at least one of "server" and "ui" must be true');
  for (const key of ['requiredPlugins', 'optionalPlugins', 'requiredBundles', 'extraPublicDirs'] as const) {
    if (m[key] !== undefined && !isStringArray(m[key])) problems.push(`"${key}" must be an array of strings`);
  }
  if (m.type !== undefined && m.type !== 'standard' && m.type !== 'preboot') problems.push('"type" must be "standard" or "preboot"');
  return problems;
}
