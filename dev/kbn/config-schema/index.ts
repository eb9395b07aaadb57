/**
 * `@kbn/config-schema` (Kibana 9.x), the builders this plugin and Task Manager state schemas
 * use. Names and signatures mirror src/platform/packages/shared/kbn-config-schema/index.ts and
 * src/platform/packages/shared/kbn-config-schema/src/types/{type,object_type,maybe_type,
 * nullable_type,record_type,array_type,literal_type,union_type,any_type}.ts. Validation errors
 * read like Kibana's: `[key]: Value must be equal to or greater than [1].`
 *
 * Objects forbid unknown keys unless told otherwise (`unknowns: 'allow' | 'ignore' | 'forbid'`,
 * where `ignore` drops them from the result), and `ObjectType.extendsDeep({unknowns})` applies
 * that option to the object and every object nested in it, as Task Manager does when it
 * validates task state.
 */
export type OptionsForUnknowns = 'allow' | 'ignore' | 'forbid';

/** Mirrors src/platform/packages/shared/kbn-config-schema/src/errors/validation_error.ts (message shape). */
export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** The values beside the one checked, in its parent object: what `schema.siblingRef` reads. */
type Siblings = Readonly<Record<string, unknown>>;
type Check<V> = (value: unknown, path: string, siblings: Siblings) => V;
const where = (path: string) => (path === '' ? '' : `[${path}]: `);
const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
// The names Kibana's messages use (the type-detect package): 'Object' and 'Array' for objects,
// typeof for the rest.
const typeName = (value: unknown) =>
  value === null
    ? 'null'
    : typeof value === 'object'
    ? Object.prototype.toString.call(value).slice(8, -1)
    : typeof value;

/** Mirrors `Type` in src/platform/packages/shared/kbn-config-schema/src/types/type.ts. */
export class Type<V> {
  /** Used by TypeOf only, as in Kibana. */
  readonly type!: V;

  /** @internal The stand-in's constructor; Kibana's takes a Joi schema. */
  constructor(
    protected readonly check: Check<V>,
    private readonly rebuild?: (unknowns: OptionsForUnknowns) => Type<V>
  ) {}

  validate(value: unknown, _context?: Record<string, unknown>, namespace = ''): V {
    return this.check(value, namespace, {});
  }

  /** @internal Validates a value of an object's key, with that object's other keys in view. */
  validateKey(value: unknown, path: string, siblings: Siblings): V {
    return this.check(value, path, siblings);
  }

  /** @internal The same type with `unknowns` applied to every object inside it (extendsDeep). */
  withUnknownsDeep(unknowns: OptionsForUnknowns): Type<V> {
    return this.rebuild?.(unknowns) ?? this;
  }
}

/** Mirrors `TypeOf` in src/platform/packages/shared/kbn-config-schema/src/types/object_type.ts. */
export type TypeOf<RT extends Type<unknown>> = RT['type'];

export type Props = Record<string, Type<unknown>>;
type ObjectResultType<P extends Props> = { [K in keyof P]: TypeOf<P[K]> };
// Keys whose type admits undefined become optional, as Kibana's ObjectResultType does.
type OptionalKeys<P extends Props> = {
  [K in keyof P]: undefined extends TypeOf<P[K]> ? K : never;
}[keyof P];
type RequiredKeys<P extends Props> = Exclude<keyof P, OptionalKeys<P>>;
// Read-only, as Kibana's ObjectResultType (object_type.ts at 027ff216065546db312b553bd5287a4012b22f12).
export type ObjectResult<P extends Props> = Readonly<
  { [K in RequiredKeys<P>]: ObjectResultType<P>[K] } & {
    [K in OptionalKeys<P>]?: ObjectResultType<P>[K];
  }
>;

/** Mirrors `ObjectTypeOptions` in src/platform/packages/shared/kbn-config-schema/src/types/object_type.ts. */
export interface ObjectTypeOptions<P extends Props> {
  unknowns?: OptionsForUnknowns;
  defaultValue?: ObjectResult<P>;
  validate?: (value: ObjectResult<P>) => string | void;
}

/** Mirrors `ObjectType` in src/platform/packages/shared/kbn-config-schema/src/types/object_type.ts. */

export class ObjectType<P extends Props = any> extends Type<ObjectResult<P>> {
  constructor(private readonly props: P, private readonly options: ObjectTypeOptions<P> = {}) {
    super((value, path) => {
      const v = value === undefined ? options.defaultValue ?? {} : value;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        throw new ValidationError(
          `${where(path)}expected a plain object value, but found [${typeName(v)}] instead.`
        );
      }
      const unknowns = options.unknowns ?? 'forbid';
      const result: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        if (key in props) continue;
        if (unknowns === 'forbid')
          throw new ValidationError(`${where(join(path, key))}definition for this key is missing`);
        if (unknowns === 'allow') result[key] = (v as Record<string, unknown>)[key];
      }
      for (const [key, type] of Object.entries(props)) {
        const checked = type.validateKey(
          (v as Record<string, unknown>)[key],
          join(path, key),
          v as Siblings
        );
        if (checked !== undefined) result[key] = checked;
      }
      const problem = options.validate?.(result as ObjectResult<P>);
      if (typeof problem === 'string') throw new ValidationError(`${where(path)}${problem}`);
      return result as ObjectResult<P>;
    });
  }

  getPropSchemas(): P {
    return this.props;
  }

  /**
   * Mirrors `ObjectType.extends`: these props added or replaced (`undefined` removes one), the
   * options merged.
   */
  extends<NP extends Record<string, Type<unknown> | undefined>>(
    newProps: NP,
    newOptions: ObjectTypeOptions<Props> = {}
  ): ObjectType<Props> {
    const props: Props = { ...this.props };
    for (const [key, type] of Object.entries(newProps)) {
      if (type === undefined) delete props[key];
      else props[key] = type;
    }
    return new ObjectType(props, { ...(this.options as ObjectTypeOptions<Props>), ...newOptions });
  }

  /** Mirrors `ObjectType.extendsDeep`: the option applies to this object and every nested one. */
  extendsDeep(options: { unknowns?: OptionsForUnknowns }): ObjectType<P> {
    return this.withUnknownsDeep(options.unknowns ?? this.options.unknowns ?? 'forbid');
  }

  override withUnknownsDeep(unknowns: OptionsForUnknowns): ObjectType<P> {
    const props = Object.fromEntries(
      Object.entries(this.props).map(([key, type]) => [key, type.withUnknownsDeep(unknowns)])
    ) as P;
    return new ObjectType(props, { ...this.options, unknowns });
  }
}

function primitive<V>(
  name: string,
  test: (value: unknown) => value is V,
  extra?: (value: V, path: string) => void
) {
  return (options: { defaultValue?: V } = {}): Type<V> =>
    new Type((value, path) => {
      const v = value === undefined ? options.defaultValue : value;
      if (!test(v))
        throw new ValidationError(
          `${where(path)}expected value of type [${name}] but got [${typeName(v)}]`
        );
      extra?.(v, path);
      return v;
    });
}

/**
 * Mirrors src/platform/packages/shared/kbn-config-schema/src/types/number_type.ts (read at
 * 3ee5c466c75b33dc28f16fa911181d007eaac4e4): a numeric
 * string is taken as its number, NaN and other strings are refused, and so is a number beyond
 * Number.MAX_SAFE_INTEGER unless `unsafe: true`.
 */
function number(
  options: { defaultValue?: number; min?: number; max?: number; unsafe?: boolean } = {}
): Type<number> {
  return new Type((value, path) => {
    const given = value === undefined ? options.defaultValue : value;
    const v = typeof given === 'string' && given.trim() !== '' ? Number(given) : given;
    if (typeof v !== 'number' || Number.isNaN(v))
      throw new ValidationError(
        `${where(path)}expected value of type [number] but got [${typeName(given)}]`
      );
    if (options.unsafe !== true && (!Number.isFinite(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER))
      throw new ValidationError(`${where(path)}"value" must be a safe number`);
    if (options.min !== undefined && v < options.min)
      throw new ValidationError(
        `${where(path)}Value must be equal to or greater than [${options.min}].`
      );
    if (options.max !== undefined && v > options.max)
      throw new ValidationError(
        `${where(path)}Value must be equal to or lower than [${options.max}].`
      );
    return v;
  });
}

/** Mirrors src/platform/packages/shared/kbn-config-schema/src/types/string_type.ts. */
function string(
  options: {
    defaultValue?: string;
    minLength?: number;
    maxLength?: number;
    validate?: (value: string) => string | void;
  } = {}
): Type<string> {
  return primitive<string>(
    'string',
    (v): v is string => typeof v === 'string',
    (v, path) => {
      if (options.minLength !== undefined && v.length < options.minLength) {
        throw new ValidationError(
          `${where(path)}value has length [${v.length}] but it must have a minimum length of [${
            options.minLength
          }].`
        );
      }
      if (options.maxLength !== undefined && v.length > options.maxLength) {
        throw new ValidationError(
          `${where(path)}value has length [${v.length}] but it must have a maximum length of [${
            options.maxLength
          }].`
        );
      }
      const problem = options.validate?.(v);
      if (typeof problem === 'string') throw new ValidationError(`${where(path)}${problem}`);
    }
  )(options);
}

/** Mirrors src/platform/packages/shared/kbn-config-schema/src/types/boolean_type.ts (defaultValue through TypeOptions). */
function boolean(options: { defaultValue?: boolean } = {}): Type<boolean> {
  return primitive<boolean>('boolean', (v): v is boolean => typeof v === 'boolean')(options);
}

function literal<V extends string | number | boolean | null>(expected: V): Type<V> {
  return new Type((value, path) => {
    if (value !== expected)
      throw new ValidationError(`${where(path)}expected value to equal [${String(expected)}]`);
    return expected;
  });
}

function any(): Type<any> {
  return new Type((value, path) => {
    if (value === undefined)
      throw new ValidationError(`${where(path)}expected value of type [any] but got [undefined]`);
    return value;
  });
}

/** Mirrors src/platform/packages/shared/kbn-config-schema/src/types/never_type.ts: no value may be present. */
function never(): Type<never> {
  return new Type<never>((value, path) => {
    if (value !== undefined)
      throw new ValidationError(`${where(path)}a value wasn't expected to be present`);
    return value as never;
  });
}

/** Mirrors `Reference` / `SiblingReference` in src/platform/packages/shared/kbn-config-schema/src/references: another key of the same object. */
export class SiblingReference<V> {
  readonly type!: V;
  constructor(public readonly key: string) {}
}

function siblingRef<V>(key: string): SiblingReference<V> {
  return new SiblingReference<V>(key);
}

/**
 * Mirrors src/platform/packages/shared/kbn-config-schema/src/types/conditional_type.ts, for a
 * sibling reference compared with a value: `equalTo` chooses `then`, anything else `otherwise`.
 */
function conditional<R, A, B>(
  ref: SiblingReference<R>,
  equalTo: R,
  then: Type<A>,
  otherwise: Type<B>
): Type<A | B> {
  return new Type<A | B>(
    (value, path, siblings) =>
      siblings[ref.key] === equalTo
        ? then.validateKey(value, path, siblings)
        : otherwise.validateKey(value, path, siblings),
    (unknowns) =>
      conditional(
        ref,
        equalTo,
        then.withUnknownsDeep(unknowns),
        otherwise.withUnknownsDeep(unknowns)
      )
  );
}

function maybe<V>(type: Type<V>): Type<V | undefined> {
  return new Type<V | undefined>(
    (value, path, siblings) =>
      value === undefined ? undefined : type.validateKey(value, path, siblings),
    (unknowns) => maybe(type.withUnknownsDeep(unknowns))
  );
}

function nullable<V>(type: Type<V>): Type<V | null> {
  return new Type<V | null>(
    (value, path) =>
      value === null || value === undefined ? null : type.validate(value, {}, path),
    (unknowns) => nullable(type.withUnknownsDeep(unknowns))
  );
}

/** Mirrors src/platform/packages/shared/kbn-config-schema/src/types/array_type.ts (minSize, maxSize, defaultValue). */
function arrayOf<V>(
  item: Type<V>,
  options: { minSize?: number; maxSize?: number; defaultValue?: V[] } = {}
): Type<V[]> {
  return new Type<V[]>(
    (value, path) => {
      const v = value === undefined ? options.defaultValue : value;
      if (!Array.isArray(v))
        throw new ValidationError(
          `${where(path)}expected value of type [array] but got [${typeName(v)}]`
        );
      if (options.minSize !== undefined && v.length < options.minSize) {
        throw new ValidationError(
          `${where(path)}array size is [${v.length}], but cannot be smaller than [${
            options.minSize
          }]`
        );
      }
      if (options.maxSize !== undefined && v.length > options.maxSize) {
        throw new ValidationError(
          `${where(path)}array size is [${v.length}], but cannot be greater than [${
            options.maxSize
          }]`
        );
      }
      return v.map((entry, index) => item.validate(entry, {}, join(path, index)));
    },
    (unknowns) => arrayOf(item.withUnknownsDeep(unknowns), options)
  );
}

function recordOf<K extends string, V>(
  key: Type<K>,
  value: Type<V>,
  options: { defaultValue?: Record<K, V> } = {}
): Type<Record<K, V>> {
  return new Type<Record<K, V>>(
    (input, path) => {
      const v = input === undefined ? options.defaultValue : input;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        throw new ValidationError(
          `${where(path)}expected value of type [object] but got [${typeName(v)}]`
        );
      }
      const result = {} as Record<K, V>;
      for (const [k, entry] of Object.entries(v)) {
        const checkedKey = key.validate(k, {}, join(path, `key("${k}")`));
        result[checkedKey] = value.validate(entry, {}, join(path, k));
      }
      return result;
    },
    (unknowns) => recordOf(key, value.withUnknownsDeep(unknowns), options)
  );
}

function oneOf<A extends Array<Type<unknown>>>(types: [...A]): Type<TypeOf<A[number]>> {
  return new Type<TypeOf<A[number]>>(
    (value, path) => {
      const failures: string[] = [];
      for (const [index, type] of types.entries()) {
        try {
          return type.validate(value, {}, '') as TypeOf<A[number]>;
        } catch (error) {
          failures.push(`- [${index}]: ${(error as Error).message}`);
        }
      }
      throw new ValidationError(
        `${where(path)}types that failed validation:\n${failures.join('\n')}`
      );
    },
    (unknowns) => oneOf(types.map((type) => type.withUnknownsDeep(unknowns)) as [...A])
  );
}

function object<P extends Props>(props: P, options?: ObjectTypeOptions<P>): ObjectType<P> {
  return new ObjectType(props, options);
}

/** Mirrors the `schema` export of src/platform/packages/shared/kbn-config-schema/index.ts (a subset). */
export const schema = {
  any,
  arrayOf,
  boolean,
  conditional,
  literal,
  maybe,
  never,
  nullable,
  number,
  object,
  oneOf,
  recordOf,
  siblingRef,
  string,
};
export type Schema = typeof schema;
