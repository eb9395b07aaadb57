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

type Values = NonNullable<TranslateArguments['values']>;

// Kibana formats with @formatjs/intl (intl-messageformat), where `#` in a plural branch is the
// number through Intl.NumberFormat and a plural or select without `other` is refused.
const EN_NUMBER = new Intl.NumberFormat('en');
const EN_PLURAL = new Intl.PluralRules('en');

/** The index of the `}` closing the `{` at `open`, or -1. */
function closing(message: string, open: number): number {
  let depth = 0;
  for (let i = open; i < message.length; i++) {
    if (message[i] === '{') depth++;
    else if (message[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `selector {branch}` pairs of a plural or select argument. */
function branches(options: string): Map<string, string> {
  const found = new Map<string, string>();
  let i = 0;
  while (i < options.length) {
    const head = /^\s*(=?[\w-]+)\s*\{/.exec(options.slice(i));
    if (head === null) {
      if (options.slice(i).trim() === '') break;
      throw new Error(`malformed plural or select options: "${options}"`);
    }
    const open = i + head[0].length - 1;
    const end = closing(options, open);
    if (end === -1) throw new Error(`unclosed branch in "${options}"`);
    found.set(head[1]!, options.slice(open + 1, end));
    i = end + 1;
  }
  if (!found.has('other')) throw new Error(`a plural or select needs an "other" branch`);
  return found;
}

function format(message: string, values: Values, pound?: number): string {
  let out = '';
  let i = 0;
  while (i < message.length) {
    const char = message[i]!;
    if (char === '#' && pound !== undefined) {
      out += EN_NUMBER.format(pound);
      i++;
      continue;
    }
    const end = char === '{' ? closing(message, i) : -1;
    const body = end === -1 ? '' : message.slice(i + 1, end);
    const simple = /^\s*(\w+)\s*$/.exec(body);
    const choice = /^\s*(\w+)\s*,\s*(plural|select)\s*,([\s\S]*)$/.exec(body);
    if (simple !== null && simple[1]! in values) {
      out += String(values[simple[1]!]);
    } else if (choice !== null) {
      const [, name, kind, options] = choice;
      const found = branches(options!);
      const value = values[name!];
      if (kind === 'plural') {
        const count = Number(value);
        const branch = found.get(`=${count}`) ?? found.get(EN_PLURAL.select(count));
        out += format(branch ?? found.get('other')!, values, count);
      } else {
        out += format(found.get(String(value)) ?? found.get('other')!, values, pound);
      }
    } else {
      // Not an argument this stand-in formats: left as written.
      out += end === -1 ? char : message.slice(i, end + 1);
    }
    i = end === -1 ? i + 1 : end + 1;
  }
  return out;
}

/** Mirrors src/platform/packages/shared/kbn-i18n/index.ts. */
export const i18n = {
  translate(id: string, { defaultMessage, values }: TranslateArguments): string {
    if (id.length === 0) throw new Error('i18n ids must not be empty');
    try {
      return format(defaultMessage, values ?? {});
    } catch (error) {
      throw new Error(`[I18n] Error formatting the default message for: "${id}".\n${error}`);
    }
  },
  getLocale(): string {
    return 'en';
  },
};
