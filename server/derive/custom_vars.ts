import type { JsonValue } from '../parse/lossless_json';

/** A numeric custom var, by JSON Pointer (RFC 6901), so keys with dots, colons or spaces stay unambiguous. */
export interface CustomMetric {
  readonly name: string;
  readonly value: number;
}

export interface CustomVars {
  readonly metrics: CustomMetric[];
  /** Strings and booleans, by JSON Pointer; exact text of integers beyond 2^53 too. */
  readonly labels: Record<string, string>;
  /** Leaves the target published. */
  readonly total: number;
  /** Leaves left out by the per-target cap, counted so nothing disappears silently. */
  readonly dropped: number;
}

/** The vars Go's expvar package publishes itself; everything else is the application's. */
export const BUILT_IN_VARS = new Set(['memstats', 'cmdline']);
const MAX_LABEL_LENGTH = 1024;

function escapePointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Flattens any JSON shape into leaves. Whatever a var does between scrapes (int → float →
 * string → map), each leaf lands in one of two fixed-mapped fields, so the mapping neither
 * breaks nor grows. Leaves are taken in sorted pointer order, so the cap keeps the same vars
 * from scrape to scrape.
 */
export function flattenCustomVars(vars: Readonly<Record<string, JsonValue>>, maxVars: number): CustomVars {
  const leaves: Array<[string, JsonValue]> = [];
  const visit = (pointer: string, value: JsonValue) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(`${pointer}/${index}`, item));
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value).sort()) visit(`${pointer}/${escapePointerToken(key)}`, value[key]!);
    } else {
      leaves.push([pointer, value]);
    }
  };
  for (const key of Object.keys(vars).sort()) {
    if (!BUILT_IN_VARS.has(key)) visit(`/${escapePointerToken(key)}`, vars[key]!);
  }

  const kept = leaves.slice(0, maxVars);
  const metrics: CustomMetric[] = [];
  const labels: Record<string, string> = {};
  for (const [name, value] of kept) {
    if (typeof value === 'number') {
      metrics.push({ name, value });
    } else if (typeof value === 'bigint') {
      // Charted as a double; the exact digits are kept as a label.
      metrics.push({ name, value: Number(value) });
      labels[name] = value.toString();
    } else if (typeof value === 'string') {
      labels[name] = value.length > MAX_LABEL_LENGTH ? `${value.slice(0, MAX_LABEL_LENGTH - 1)}…` : value;
    } else if (typeof value === 'boolean') {
      labels[name] = String(value);
    }
    // null carries nothing to chart or search.
  }
  return { metrics, labels, total: leaves.length, dropped: leaves.length - kept.length };
}
