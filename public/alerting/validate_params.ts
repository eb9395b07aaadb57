import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import type { ValidationResult } from '@kbn/triggers-actions-ui-plugin/public';
import { pathOf } from '../../common/codecs';
import { isShown, isTextField, type ParamField } from './param_fields';
import { textFieldError } from './text_params';

/**
 * The rule form's errors from the same codec the server validates with, keyed by the param
 * they are about (`threshold`, `timeSize`), so each shows under its own field. A text field
 * whose text does not read holds that text (see params_form.tsx); its error is the reading's,
 * the one the field shows while typing, not the codec's "must be a number".
 */
export function validateWith(
  codec: t.Decoder<unknown, unknown>,
  fields: readonly ParamField[],
  params: Record<string, unknown>
): ValidationResult {
  // An unset param (a field the form hid) is absent once saved as JSON: it is absent here too.
  const result = codec.decode(
    Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined))
  );
  if (isRight(result)) return { errors: {} };
  const errors: Record<string, string[]> = {};
  for (const error of result.left.slice(0, 10)) {
    const message =
      error.message ??
      `expected ${error.context[error.context.length - 1]?.type.name ?? 'a valid value'}`;
    const named = /^\[([^\]]+)\]/.exec(message)?.[1];
    const key = named ?? (pathOf(error.context).split('.')[0] || 'params');
    (errors[key] ??= []).push(message);
  }
  for (const field of fields) {
    if (!isShown(field, params)) continue;
    const unread = isTextField(field) ? textFieldError(field, params) : undefined;
    if (unread !== undefined) errors[field.key] = [unread];
  }
  return { errors };
}
