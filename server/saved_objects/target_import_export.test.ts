import { isLeft } from 'fp-ts/Either';
import type { SavedObject } from '@kbn/core/server';
import type { TargetAttributes } from '../../common/targets';
import { TlsRequestOrNone } from '../../common/target_connection';
import { formatValidationErrors } from '../../common/io_ts_errors';
import { connectionView, resolveConnection, scrapeConnection } from '../targets/target_connection';
import { markMissingSecrets, missingSecretsWarnings } from './target_import_export';

const base = {
  name: 'a',
  service_name: 's',
  url: 'http://127.0.0.1:1/debug/vars',
  interval: '10s',
  enabled: true,
} as unknown as TargetAttributes;
const object = (attributes: Partial<TargetAttributes>): SavedObject<TargetAttributes> => ({
  id: 'x',
  type: 'go-runtime-target',
  references: [],
  attributes: { ...base, ...attributes },
});

describe('markMissingSecrets (onExport)', () => {
  it('marks a target whose settings name secrets, and only those', () => {
    expect(
      markMissingSecrets(object({ auth: { type: 'basic', username: 'u' } })).attributes
        .missing_secrets
    ).toBe(true);
    expect(markMissingSecrets(object({ header_names: ['X-A'] })).attributes.missing_secrets).toBe(
      true
    );
    expect(
      markMissingSecrets(
        object({ tls: { verification_mode: 'full', certificate: '-----BEGIN CERTIFICATE-----' } })
      ).attributes.missing_secrets
    ).toBe(true);
    expect(
      markMissingSecrets(object({ tls: { verification_mode: 'full', ca: 'pem' } })).attributes
        .missing_secrets
    ).toBeUndefined();
    expect(markMissingSecrets(object({ auth: { type: 'none' } })).attributes).not.toHaveProperty(
      'missing_secrets'
    );
  });

  it('never lets an encrypted attribute through, even one a read returned', () => {
    const marked = markMissingSecrets(
      object({ auth: { type: 'bearer' }, secrets: { token: 'ciphertext' } })
    );
    expect(marked.attributes).not.toHaveProperty('secrets');
  });
});

describe('an imported target without its secrets', () => {
  const imported = {
    ...base,
    auth: { type: 'basic' as const, username: 'u' },
    header_names: ['X-A'],
    missing_secrets: true,
  } as TargetAttributes;

  it('says in the API that no secret is stored', () => {
    expect(connectionView(imported)).toEqual({
      auth: { type: 'basic', username: 'u', has_password: false },
      headers: { 'X-A': { has_value: false } },
      missing_secrets: true,
    });
  });

  it('is scraped as an auth error that sends nothing', () => {
    const connection = scrapeConnection(imported);
    expect(isLeft(connection) && connection.left.kind).toBe('auth');
    expect(isLeft(connection) && connection.left.message).toMatch(
      /^Not scraped: the value of header X-A is missing \(the target was imported/
    );
  });

  it('takes an update only with the secrets its settings name', () => {
    expect(resolveConnection({}, imported)).toEqual({
      _tag: 'Left',
      left: '[auth.password] is required for basic authentication',
    });
    expect(
      resolveConnection({ auth: { type: 'basic', username: 'u', password: 'p' } }, imported)
    ).toEqual({
      _tag: 'Left',
      left: '[headers.X-A] has no stored value to keep; give the value',
    });
    expect(
      isLeft(
        resolveConnection(
          { auth: { type: 'basic', username: 'u', password: 'p' }, headers: {} },
          imported
        )
      )
    ).toBe(false);
  });

  it('is named in the import warning', () => {
    expect(missingSecretsWarnings([object(imported), object({})])).toEqual([
      expect.objectContaining({
        type: 'action_required',
        actionPath: '/app/goRuntime/targets',
        message: expect.stringContaining('1 Go runtime target(s) need their secrets'),
      }),
    ]);
    expect(missingSecretsWarnings([object({})])).toEqual([]);
  });
});

describe('tls: null', () => {
  it('is accepted in a request, and a wrong tls object reports only what is wrong in it', () => {
    expect(TlsRequestOrNone.decode(null)).toEqual({ _tag: 'Right', right: null });
    const wrong = TlsRequestOrNone.decode({ verification_mode: 'x' });
    expect(isLeft(wrong) && formatValidationErrors(wrong.left)).toBe(
      '[verification_mode]: expected "full", "certificate" or "none", got "x"'
    );
  });

  it('removes the stored TLS settings and key', () => {
    const stored = resolveConnection({
      tls: {
        verification_mode: 'certificate',
        ca: '-----BEGIN CERTIFICATE-----',
        certificate: '-----BEGIN CERTIFICATE-----',
        key: '-----BEGIN PRIVATE KEY-----',
      },
    });
    if (isLeft(stored)) throw new Error(stored.left);
    expect(resolveConnection({ tls: null }, stored.right)).toEqual({
      _tag: 'Right',
      right: { header_names: [] },
    });
  });
});
