import { useState } from 'react';
import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { pathOf } from '../../../common/codecs';
import {
  DEFAULT_GOROUTINE_PERIOD,
  DEFAULT_HEAP_PERIOD,
  DEFAULT_PPROF_PATH_PREFIX,
  type ProfileSettings,
} from '../../../common/profiles';
import {
  CreateTargetRequest,
  TestTargetRequest,
  UpdateTargetRequest,
  type Target,
} from '../../../common/targets';

export type AuthType = 'none' | 'basic' | 'bearer';
export type TlsMode = '' | 'full' | 'certificate' | 'none';

/** One header row; `stored`: the server holds its value, and an empty value keeps it. */
export interface HeaderRow {
  readonly key: number;
  name: string;
  value: string;
  stored: boolean;
}

export interface Form {
  name: string;
  service_name: string;
  url: string;
  interval: string;
  auth: AuthType;
  username: string;
  /** Empty: keep the stored one (when editing). */
  password: string;
  token: string;
  headers: HeaderRow[];
  tls: TlsMode;
  ca: string;
  certificate: string;
  /** Empty: keep the stored one (when editing with a client certificate). */
  key: string;
  /** Off sends `off`; the period typed stays in the form, for switching back on. */
  heap_enabled: boolean;
  heap_period: string;
  goroutine_enabled: boolean;
  goroutine_period: string;
  path_prefix: string;
}

/** The fields that hold text (every field but the header rows and the switches). */
export type TextField = { [K in keyof Form]: Form[K] extends string ? K : never }[keyof Form];

/** The fields that are on or off. */
export type SwitchField = { [K in keyof Form]: Form[K] extends boolean ? K : never }[keyof Form];

/** The rows an error can be shown on: the text fields, and the header rows as one. */
export type FormField = TextField | 'headers';

/** Errors by the row they are shown on; `form`: those that belong to no one field. */
export interface FormErrors {
  readonly fields: Partial<Record<FormField, string>>;
  readonly form?: string;
}
export const NO_ERRORS: FormErrors = { fields: {} };

/** Top to bottom, as the flyout shows them: the first with an error gets the focus. */
export const FIELD_ORDER: readonly FormField[] = [
  'name',
  'service_name',
  'url',
  'interval',
  'auth',
  'username',
  'password',
  'token',
  'headers',
  'tls',
  'ca',
  'certificate',
  'key',
  'heap_period',
  'goroutine_period',
  'path_prefix',
];

const SUBFIELDS: Record<string, FormField> = {
  'auth.username': 'username',
  'auth.password': 'password',
  'auth.token': 'token',
  'tls.ca': 'ca',
  'tls.certificate': 'certificate',
  'tls.key': 'key',
  'profiles.heap_period': 'heap_period',
  'profiles.goroutine_period': 'goroutine_period',
  'profiles.path_prefix': 'path_prefix',
};

/** The row of a request path (`auth.password`, `headers.X-Team`, `url`), or undefined. */
export function fieldOfPath(path: string): FormField | undefined {
  const sub = SUBFIELDS[path.split('.').slice(0, 2).join('.')];
  if (sub !== undefined) return sub;
  const top = path.split('.')[0];
  return (FIELD_ORDER as readonly string[]).includes(top) ? (top as FormField) : undefined;
}

/** The path a message starts with, as the server words it: `[request body]: [tls.key] ...`. */
export function pathInMessage(message: string): string | undefined {
  return /^(?:\[request body\]: )?\[([^\]]+)\]/.exec(message)?.[1];
}

/** Codec errors by row: the first message of each field, the rest of the form's. */
export function errorsOfCodec(errors: t.Errors): FormErrors {
  const fields: Partial<Record<FormField, string>> = {};
  const rest: string[] = [];
  for (const error of errors) {
    const message = error.message ?? `[${pathOf(error.context)}] is not valid`;
    const field = fieldOfPath(pathInMessage(message) ?? pathOf(error.context));
    if (field === undefined) rest.push(message);
    else fields[field] ??= message;
  }
  return { fields, ...(rest.length === 0 ? {} : { form: [...new Set(rest)].join('; ') }) };
}

let nextRowKey = 0;
export const headerRow = (name = '', stored = false): HeaderRow => ({
  key: nextRowKey++,
  name,
  value: '',
  stored,
});

/** Each profile setting as the API defaults it. */
const PROFILE_DEFAULTS: Required<ProfileSettings> = {
  path_prefix: DEFAULT_PPROF_PATH_PREFIX,
  heap_period: DEFAULT_HEAP_PERIOD,
  goroutine_period: DEFAULT_GOROUTINE_PERIOD,
};

/** The profile fields of a target's stored settings (absent ones at their defaults). */
function profileFieldsOf(settings: ProfileSettings | undefined) {
  const heap = settings?.heap_period ?? DEFAULT_HEAP_PERIOD;
  const goroutine = settings?.goroutine_period ?? DEFAULT_GOROUTINE_PERIOD;
  return {
    heap_enabled: heap !== 'off',
    heap_period: heap === 'off' ? DEFAULT_HEAP_PERIOD : heap,
    goroutine_enabled: goroutine !== 'off',
    goroutine_period: goroutine === 'off' ? DEFAULT_GOROUTINE_PERIOD : goroutine,
    path_prefix: settings?.path_prefix ?? DEFAULT_PPROF_PATH_PREFIX,
  };
}

export function initialForm(target: Target | undefined): Form {
  if (target === undefined) {
    return {
      name: '',
      service_name: '',
      // Empty with a placeholder: a pre-filled localhost URL was saved by people who missed it.
      url: '',
      interval: '10s',
      auth: 'none',
      username: '',
      password: '',
      token: '',
      headers: [],
      tls: '',
      ca: '',
      certificate: '',
      key: '',
      ...profileFieldsOf(undefined),
    };
  }
  return {
    name: target.name,
    service_name: target.service_name,
    url: target.url,
    interval: target.interval,
    auth: target.auth.type,
    username: target.auth.type === 'basic' ? target.auth.username : '',
    password: '',
    token: '',
    headers: Object.entries(target.headers).map(([name, view]) => headerRow(name, view.has_value)),
    tls: target.tls?.verification_mode ?? '',
    ca: target.tls?.ca ?? '',
    certificate: target.tls?.certificate ?? '',
    key: '',
    ...profileFieldsOf(target.profiles),
  };
}

/**
 * The profile part of a request, exactly as typed. A setting at its default is left out, so
 * the target follows the default; one the target stores is always sent, since an update
 * without it would reset it.
 */
export function profilesOf(form: Form, target: Target | undefined) {
  const typed: Required<ProfileSettings> = {
    path_prefix: form.path_prefix,
    heap_period: form.heap_enabled ? form.heap_period : 'off',
    goroutine_period: form.goroutine_enabled ? form.goroutine_period : 'off',
  };
  const keys = (Object.keys(typed) as Array<keyof ProfileSettings>).filter(
    (key) => typed[key] !== PROFILE_DEFAULTS[key] || target?.profiles?.[key] !== undefined
  );
  return keys.length === 0
    ? {}
    : { profiles: Object.fromEntries(keys.map((key) => [key, typed[key]])) };
}

/**
 * The connection part of a request: a secret left empty is left out, so the stored one stays
 * (on save by the update, on a test by the test route reading the stored target).
 */
export function connectionOf(form: Form, target: Target | undefined) {
  const auth =
    form.auth === 'basic'
      ? {
          type: 'basic' as const,
          username: form.username,
          ...(form.password === '' ? {} : { password: form.password }),
        }
      : form.auth === 'bearer'
      ? { type: 'bearer' as const, ...(form.token === '' ? {} : { token: form.token }) }
      : target === undefined
      ? undefined
      : { type: 'none' as const };
  // Editing, the rows are the headers: a row removed is a header removed, an empty value of a
  // stored header keeps it (null).
  const rows = form.headers.filter((row) => row.name.trim() !== '' || row.value !== '');
  const headers =
    rows.length === 0 && (target === undefined || Object.keys(target.headers).length === 0)
      ? undefined
      : Object.fromEntries(
          rows.map((row) => [
            row.name.trim(),
            row.stored && row.value === '' && target !== undefined ? null : row.value,
          ])
        );
  const certificate = form.certificate.trim() === '' ? undefined : form.certificate;
  // "Default" on a target that has TLS settings removes them (null); on a new one, sends none.
  const tls =
    form.tls === ''
      ? target?.tls === undefined
        ? undefined
        : null
      : {
          verification_mode: form.tls,
          ...(form.ca.trim() === '' ? {} : { ca: form.ca }),
          ...(certificate === undefined ? {} : { certificate }),
          ...(certificate === undefined || form.key.trim() === '' ? {} : { key: form.key }),
        };
  return {
    ...(auth === undefined ? {} : { auth }),
    ...(headers === undefined ? {} : { headers }),
    ...(tls === undefined ? {} : { tls }),
  };
}

export type SaveRequest =
  | { readonly kind: 'create'; readonly body: CreateTargetRequest }
  | { readonly kind: 'update'; readonly body: UpdateTargetRequest };

/**
 * The save request, checked by the server's own codecs first: what can be refused without a
 * round trip is, by the field, in the words the server would use.
 */
export function saveRequestOf(
  form: Form,
  target: Target | undefined
): { ok: true; request: SaveRequest } | { ok: false; errors: FormErrors } {
  const { name, service_name, url, interval } = form;
  const body = {
    name,
    service_name,
    url,
    interval,
    ...connectionOf(form, target),
    ...profilesOf(form, target),
  };
  if (target === undefined) {
    const decoded = CreateTargetRequest.decode(body);
    return isRight(decoded)
      ? { ok: true, request: { kind: 'create', body: decoded.right } }
      : { ok: false, errors: errorsOfCodec(decoded.left) };
  }
  const decoded = UpdateTargetRequest.decode({
    ...body,
    enabled: target.enabled,
    version: target.version,
  });
  return isRight(decoded)
    ? { ok: true, request: { kind: 'update', body: decoded.right } }
    : { ok: false, errors: errorsOfCodec(decoded.left) };
}

/** The test request; editing, it names the target so the server fills in the kept secrets. */
export function testRequestOf(
  form: Form,
  target: Target | undefined
): { ok: true; request: TestTargetRequest } | { ok: false; errors: FormErrors } {
  const decoded = TestTargetRequest.decode({
    url: form.url,
    interval: form.interval,
    ...(target === undefined ? {} : { target_id: target.id }),
    // The form's profile path and periods: the test looks where the saved target's reads will.
    ...profilesOf(form, target),
    ...connectionOf(form, target),
  });
  return isRight(decoded)
    ? { ok: true, request: decoded.right }
    : { ok: false, errors: errorsOfCodec(decoded.left) };
}

/** The form's values and its setters: one place that changes the form. */
export function useTargetForm(target: Target | undefined) {
  const [form, setForm] = useState<Form>(() => initialForm(target));
  const setText = (key: TextField, value: string) =>
    setForm((previous) => ({ ...previous, [key]: value }));
  const setSwitch = (key: SwitchField, on: boolean) =>
    setForm((previous) => ({ ...previous, [key]: on }));
  const setRow = (key: number, change: Partial<HeaderRow>) =>
    setForm((previous) => ({
      ...previous,
      headers: previous.headers.map((row) =>
        row.key !== key
          ? row
          : // A renamed header is a new one: the value stored under the old name does not follow.
            { ...row, ...change, stored: row.stored && (change.name ?? row.name) === row.name }
      ),
    }));
  const removeRow = (key: number) =>
    setForm((previous) => ({
      ...previous,
      headers: previous.headers.filter((row) => row.key !== key),
    }));
  const addRow = () =>
    setForm((previous) => ({ ...previous, headers: [...previous.headers, headerRow()] }));
  return { form, setText, setSwitch, setRow, removeRow, addRow };
}
