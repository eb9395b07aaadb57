/**
 * `@kbn/config-schema`, the few builders this plugin's config uses: object, number, string,
 * boolean, with defaults and bounds. Validation errors read like Kibana's:
 * `[key]: Value must be equal to or greater than [1].`
 */
export class Type<V> {
  constructor(private readonly check: (value: unknown, path: string) => V) {}
  validate(value: unknown, _context?: object, namespace = ''): V {
    return this.check(value, namespace);
  }
  /** Used by TypeOf only. */
  readonly type!: V;
}
export type TypeOf<T extends Type<unknown>> = T['type'];

class ValidationError extends Error {}
const where = (path: string) => (path === '' ? '' : `[${path}]: `);

function number(options: { defaultValue?: number; min?: number; max?: number } = {}): Type<number> {
  return new Type((value, path) => {
    const v = value === undefined ? options.defaultValue : value;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValidationError(`${where(path)}expected value of type [number] but got [${typeof v}]`);
    if (options.min !== undefined && v < options.min) throw new ValidationError(`${where(path)}Value must be equal to or greater than [${options.min}].`);
    if (options.max !== undefined && v > options.max) throw new ValidationError(`${where(path)}Value must be equal to or lower than [${options.max}].`);
    return v;
  });
}

function string(options: { defaultValue?: string; validate?: (value: string) => string | void } = {}): Type<string> {
  return new Type((value, path) => {
    const v = value === undefined ? options.defaultValue : value;
    if (typeof v !== 'string') throw new ValidationError(`${where(path)}expected value of type [string] but got [${typeof v}]`);
    const problem = options.validate?.(v);
    if (typeof problem === 'string') throw new ValidationError(`${where(path)}${problem}`);
    return v;
  });
}

function boolean(options: { defaultValue?: boolean } = {}): Type<boolean> {
  return new Type((value, path) => {
    const v = value === undefined ? options.defaultValue : value;
    if (typeof v !== 'boolean') throw new ValidationError(`${where(path)}expected value of type [boolean] but got [${typeof v}]`);
    return v;
  });
}

function object<P extends Record<string, Type<unknown>>>(props: P): Type<{ [K in keyof P]: TypeOf<P[K]> }> {
  return new Type((value, path) => {
    const v = value === undefined ? {} : value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ValidationError(`${where(path)}expected a plain object value, but found [${typeof v}] instead.`);
    const unknownKey = Object.keys(v).find((key) => !(key in props));
    if (unknownKey !== undefined) throw new ValidationError(`${where(path === '' ? unknownKey : `${path}.${unknownKey}`)}definition for this key is missing`);
    const result: Record<string, unknown> = {};
    for (const [key, type] of Object.entries(props)) {
      result[key] = type.validate((v as Record<string, unknown>)[key], {}, path === '' ? key : `${path}.${key}`);
    }
    return result as { [K in keyof P]: TypeOf<P[K]> };
  });
}

/** Kibana: packages/kbn-config-schema/src/types/maybe_type.ts — undefined passes, anything else must match. */
function maybe<V>(type: Type<V>): Type<V | undefined> {
  return new Type((value, path) => (value === undefined ? undefined : type.validate(value, {}, path)));
}

/** Kibana: packages/kbn-config-schema/src/types/record_type.ts */
function recordOf<K extends string, V>(keyType: Type<K>, valueType: Type<V>): Type<Record<K, V>> {
  return new Type((value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ValidationError(`${where(path)}expected value of type [object] but got [${value === null ? 'null' : Array.isArray(value) ? 'Array' : typeof value}]`);
    }
    const result: Record<string, V> = {};
    for (const [key, item] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      result[keyType.validate(key, {}, `${at}(key)`)] = valueType.validate(item, {}, at);
    }
    return result as Record<K, V>;
  });
}

/** Kibana: packages/kbn-config-schema/src/types/any_type.ts — anything but undefined. */
function any(): Type<unknown> {
  return new Type((value, path) => {
    if (value === undefined) throw new ValidationError(`${where(path)}expected value of type [any] but got [undefined]`);
    return value;
  });
}

export const schema = { number, string, boolean, object, maybe, recordOf, any };
