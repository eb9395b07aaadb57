import type * as t from 'io-ts';
import { pathOf } from './codecs';

/** A person reads a few errors; a hostile value can produce millions. */
export const MAX_REPORTED_ERRORS = 3;
const MAX_ERROR_LENGTH = 200;
/** The whole message stays well under 1 KB, whatever was validated. */
export const MAX_ERRORS_MESSAGE_LENGTH = 800;

/**
 * Turns io-ts errors into sentences a person can act on: which field, what was given, what
 * was expected. PathReporter's output spells out every codec in a union, which reads as noise.
 * Bounded: at most MAX_REPORTED_ERRORS distinct errors, each cut, the rest only mentioned, and
 * no value is serialised whole (a 2.8 M-element array is described by its length).
 */
export function formatValidationErrors(errors: t.Errors): string {
  const messages = new Set<string>();
  let distinct = 0;
  for (const error of errors) {
    // Deduplicating needs the text, so the first few are formatted and the rest only counted.
    if (messages.size >= MAX_REPORTED_ERRORS) {
      distinct++;
      continue;
    }
    const message = cut(error.message ?? describeError(error), MAX_ERROR_LENGTH);
    if (!messages.has(message)) {
      messages.add(message);
      distinct++;
    }
  }
  // Codecs may stop collecting after a few errors, so the rest is mentioned, not counted.
  const text = [...messages].join('; ') + (distinct > messages.size ? '; and more errors' : '');
  return cut(text, MAX_ERRORS_MESSAGE_LENGTH);
}

function describeError(error: t.ValidationError): string {
  const path = pathOf(error.context);
  const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value';
  const where = path === '' ? 'the value' : `[${path}]`;
  return `${where}: expected ${expected}, got ${describeValue(error.value)}`;
}

/** A short description of any value, in time bounded by a few dozen characters. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value))
    return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'bigint' || typeof value === 'number') {
    const text = String(value);
    return text.length > 40
      ? `a ${text.replace(/^-/, '').length}-digit ${value < 0 ? 'negative ' : ''}number`
      : text;
  }
  if (typeof value === 'object') return 'an object';
  return cut(String(value), 40);
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
