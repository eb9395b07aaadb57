import type * as t from 'io-ts';
import { pathOf } from './codecs';

/**
 * Turns io-ts errors into sentences a person can act on: which field, what was given, what
 * was expected. PathReporter's output spells out every codec in a union, which reads as noise.
 */
export function formatValidationErrors(errors: t.Errors): string {
  const messages = new Set<string>();
  for (const error of errors) {
    if (error.message !== undefined) {
      messages.add(error.message);
      continue;
    }
    const path = pathOf(error.context);
    const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value';
    const where = path === '' ? 'the value' : `[${path}]`;
    messages.add(`${where}: expected ${expected}, got ${describe(error.value)}`);
  }
  return [...messages].join('; ');
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
