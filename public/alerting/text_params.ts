import { ServiceName } from '../../common/targets';
import {
  formatMeasureInput,
  formatThresholdInput,
  parseMeasureInput,
  parseThresholdInput,
} from '../../common/measure_input';
import type { TextParamField } from './param_fields';

type Params = Readonly<Record<string, unknown>>;
/** `undefined`: the param is left out (an optional field left empty). */
export type TextRead = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * What a text field holds while its text does not read: the text itself. The codecs refuse a
 * string where a number or a list belongs, so the rule cannot be saved with it, and
 * `textFieldError` says why in the words the field shows.
 */
export function paramWhileInvalid(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}

/** Reads a text field's text into its param. */
export function readTextParam(field: TextParamField, text: string, params: Params): TextRead {
  if (text.trim() === '' && (field.kind === 'services' || field.optional === true))
    return { ok: true, value: undefined };
  switch (field.kind) {
    case 'measure': {
      const { unit, allowNegative } = field.measure(params);
      return parseMeasureInput(text, unit, { allowNegative });
    }
    case 'threshold': {
      const { unit, allowNegative } = field.measure(params);
      return parseThresholdInput(text, unit, params.comparator === 'between', { allowNegative });
    }
    case 'integer': {
      const trimmed = text.trim();
      const value = Number(trimmed);
      return /^\d+$/.test(trimmed) && value >= field.min && value <= field.max
        ? { ok: true, value }
        : { ok: false, error: `A whole number from ${field.min} to ${field.max}` };
    }
    case 'services': {
      const names = text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '');
      const bad = names.find((name: string) => !ServiceName.is(name)) as string | undefined;
      return bad === undefined
        ? { ok: true, value: names.length === 0 ? undefined : names }
        : { ok: false, error: `Not a service name: ${JSON.stringify(bad.slice(0, 40))}` };
    }
  }
}

/** A stored param as the text a person would type for it (`512 MiB`, `5 %`, `orders, cart`). */
export function textOfParam(field: TextParamField, value: unknown, params: Params): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  switch (field.kind) {
    case 'measure':
      return typeof value === 'number' ? formatMeasureInput(value, field.measure(params).unit) : '';
    case 'threshold':
      return Array.isArray(value) && value.every((n) => typeof n === 'number')
        ? formatThresholdInput(value as number[], field.measure(params).unit)
        : '';
    case 'integer':
      return typeof value === 'number' ? String(value) : '';
    case 'services':
      return Array.isArray(value) ? value.join(', ') : '';
  }
}

/** Why a text field's param does not read, when the param is the text that did not. */
export function textFieldError(field: TextParamField, params: Params): string | undefined {
  const value = params[field.key];
  if (typeof value !== 'string') return undefined;
  const read = readTextParam(field, value, params);
  return read.ok ? undefined : read.error;
}
