import { isRight } from 'fp-ts/Either';
import * as t from 'io-ts';

/**
 * What marks an index template, and through its mappings each backing index it creates, as the
 * plugin's: `_meta.managed_by`. The plugin creates, updates and remaps only what carries it;
 * anything else under its index patterns (another package's, an operator's) is left as it is.
 */
export const MANAGED_BY = 'go_runtime';

export const OwnMark = t.type({
  managed_by: t.literal(MANAGED_BY),
  template_version: t.number,
});
export type OwnMark = t.TypeOf<typeof OwnMark>;

/**
 * The template's `_meta`: the mark, and the configuration it was put with, so that a start
 * can tell whether kibana.yml changed since (Elasticsearch's own view of the settings differs
 * by cluster: one without the data-streams module drops `index.look_back_time`).
 */
export const TemplateMeta = t.intersection([
  OwnMark,
  t.type({ retention: t.string }),
  // How the heap documents keep `_source` (index_templates.ts SourceMode): a licence change
  // between two starts puts the template again.
  t.partial({ look_back_time: t.string, source_mode: t.keyof({ synthetic: null, stored: null }) }),
]);
export type TemplateMeta = t.TypeOf<typeof TemplateMeta>;

/** The mark in a `_meta`, or undefined when the object is not the plugin's. */
export function ownMark(meta: unknown): OwnMark | undefined {
  const decoded = OwnMark.decode(meta);
  return isRight(decoded) ? decoded.right : undefined;
}

/**
 * What a start does with one of its index templates, given what is installed under its name:
 * - `create`: nothing is;
 * - `update`: the plugin's, of an older version or put with another configuration;
 * - `keep`: the plugin's, current;
 * - `newer`: the plugin's, of a newer version (a newer Kibana of the cluster put it; putting an
 *   older one back would flip it on every start of either);
 * - `foreign`: someone else's template by that name, never overwritten.
 */
export type TemplateAction = 'create' | 'update' | 'keep' | 'newer' | 'foreign';

export function templateAction(
  installed: { readonly meta: unknown } | undefined,
  wanted: TemplateMeta
): TemplateAction {
  if (installed === undefined) return 'create';
  const decoded = TemplateMeta.decode(installed.meta);
  if (!isRight(decoded)) return ownMark(installed.meta) === undefined ? 'foreign' : 'update';
  const meta = decoded.right;
  if (meta.template_version > wanted.template_version) return 'newer';
  if (meta.template_version < wanted.template_version) return 'update';
  return meta.retention === wanted.retention &&
    meta.look_back_time === wanted.look_back_time &&
    meta.source_mode === wanted.source_mode
    ? 'keep'
    : 'update';
}
