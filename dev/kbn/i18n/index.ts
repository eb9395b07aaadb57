/**
 * `@kbn/i18n`: translate(id, {defaultMessage, values}). Outside Kibana no locale is loaded, so
 * the default message is formatted with its `{name}` placeholders, as Kibana does for `en`.
 * Mirrors src/platform/packages/shared/kbn-i18n/src/core/i18n.ts.
 */
export interface TranslateArguments {
  defaultMessage: string;
  values?: Record<string, string | number | boolean | null | undefined>;
  description?: string;
}

function format(message: string, values: TranslateArguments['values']): string {
  if (values === undefined) return message;
  return message.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole
  );
}

/** Mirrors src/platform/packages/shared/kbn-i18n/index.ts. */
export const i18n = {
  translate(id: string, { defaultMessage, values }: TranslateArguments): string {
    if (id.length === 0) throw new Error('i18n ids must not be empty');
    return format(defaultMessage, values);
  },
  getLocale(): string {
    return 'en';
  },
};
