/**
 * `@kbn/i18n`: translate(id, {defaultMessage, values}). Outside Kibana no locale is loaded, so
 * the default message is formatted as Kibana formats it for `en`: as an ICU message, with
 * intl-messageformat (what Kibana's @formatjs/intl uses), where `{` opens a placeholder and
 * `'` quotes. Mirrors `translate` in src/platform/packages/shared/kbn-i18n/src/core/i18n.ts and
 * `handleIntlError` in .../src/core/error_handler.ts (elastic/kibana
 * 17d636e0c205f727e70f9cb73f19deeb0ce4e459, 8137d1cdb0b7fa60624f5ecf6ea9fc21cbdebae4).
 *
 * On a message that does not format (a syntax error such as mustache `{{…}}`, or a missing
 * value) Kibana logs the error with console.error and renders the default message verbatim;
 * so does this stand-in. A test that must catch such messages watches console.error, or calls
 * `formatDefaultMessage`, which throws.
 */
import { IntlMessageFormat } from 'intl-messageformat';

type Value = string | number | boolean | null | undefined | Date;

export interface TranslateArguments {
  defaultMessage: string;
  values?: Record<string, Value>;
  description?: string;
  ignoreTag?: boolean;
}

/** Formats an ICU message for `en`, throwing on a syntax error or a missing value. */
export function formatDefaultMessage(
  defaultMessage: string,
  values: Record<string, Value> = {},
  ignoreTag = false
): string {
  const formatted = new IntlMessageFormat(defaultMessage, 'en', undefined, { ignoreTag }).format(
    values as Record<string, string>
  );
  return Array.isArray(formatted) ? formatted.join('') : String(formatted);
}

/** Mirrors src/platform/packages/shared/kbn-i18n/index.ts. */
export const i18n = {
  translate(id: string, { defaultMessage, values, ignoreTag }: TranslateArguments): string {
    if (id.length === 0)
      throw new Error('[I18n] An `id` must be a non-empty string to translate a message.');
    if (!defaultMessage)
      throw new Error(
        `[I18n] Error formatting the default message for: "${id}".\nError: Missing \`defaultMessage\`.`
      );
    try {
      return formatDefaultMessage(defaultMessage, values, ignoreTag);
    } catch (error) {
      // What @formatjs/intl reports through Kibana's onError before rendering the message verbatim.
      console.error(
        new Error(
          `[@formatjs/intl Error FORMAT_ERROR] Error formatting default message for: "${id}", rendering default message verbatim\n${
            (error as Error).message
          }`
        )
      );
      return defaultMessage;
    }
  },
  getLocale(): string {
    return 'en';
  },
};
