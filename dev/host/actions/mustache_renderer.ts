import Mustache from 'mustache';

/**
 * Kibana renders action params with mustache (x-pack/platform/plugins/shared/actions/server/lib/mustache_renderer.ts):
 * each string in the params is a template over the action's variables, escaped for where it
 * goes: JSON string content for a webhook body, nothing for a log line. Objects render as JSON.
 */
export type Escape = 'json' | 'none';

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Variables where every object also renders as JSON when named directly ({{context}}). */
function withJsonObjects(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(withJsonObjects) as unknown[] & { toString?: () => string };
    items.toString = () => JSON.stringify(value);
    return items;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) copy[key] = withJsonObjects(entry);
    Object.defineProperty(copy, 'toString', {
      value: () => JSON.stringify(value),
      enumerable: false,
    });
    return copy;
  }
  return value;
}

export function renderTemplate(
  template: string,
  variables: Record<string, unknown>,
  escape: Escape
): string {
  const view = withJsonObjects(variables) as Record<string, unknown>;
  const escapeFn =
    escape === 'json'
      ? (value: unknown) => JSON.stringify(stringify(value)).slice(1, -1)
      : stringify;
  // Mustache.render's options argument (escape) applies to {{x}}; {{{x}}} stays raw.
  return Mustache.render(template, view, {}, { escape: escapeFn });
}

/** Renders every string inside `params`, as Kibana's renderMustacheObject does. */
export function renderParams<T>(params: T, variables: Record<string, unknown>, escape: Escape): T {
  if (typeof params === 'string') return renderTemplate(params, variables, escape) as T;
  if (Array.isArray(params))
    return params.map((item) => renderParams(item, variables, escape)) as T;
  if (params !== null && typeof params === 'object') {
    return Object.fromEntries(
      Object.entries(params).map(([key, value]) => [key, renderParams(value, variables, escape)])
    ) as T;
  }
  return params;
}
