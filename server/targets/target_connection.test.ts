import { isLeft, isRight } from 'fp-ts/Either';
import { HeadersRequest } from '../../common/target_connection';
import {
  connectionView,
  resolveConnection,
  resolveConnectionAt,
  scrapeConnection,
} from './target_connection';
import type { TargetAttributes } from '../../common/targets';

const base = {
  name: 'a',
  service_name: 's',
  url: 'http://127.0.0.1:1/debug/vars',
  interval: '10s',
  enabled: true,
} as unknown as TargetAttributes;
const right = <T>(either: { _tag: string; right?: T }) => {
  if (either._tag !== 'Right') throw new Error(JSON.stringify(either));
  return either.right as T;
};

describe('resolveConnection', () => {
  it('needs the secrets on a create', () => {
    expect(resolveConnection({ auth: { type: 'basic', username: 'u' } })).toEqual({
      _tag: 'Left',
      left: '[auth.password] is required for basic authentication',
    });
    expect(isLeft(resolveConnection({ auth: { type: 'bearer' } }))).toBe(true);
    expect(isLeft(resolveConnection({ headers: { 'X-A': null } }))).toBe(true);
    expect(
      isLeft(
        resolveConnection({
          tls: { verification_mode: 'full', certificate: '-----BEGIN CERTIFICATE-----' },
        })
      )
    ).toBe(true);
  });

  it('keeps each stored secret an update leaves out, and drops what the update changes', () => {
    const stored = right(
      resolveConnection({
        auth: { type: 'basic', username: 'u', password: 'p' },
        headers: { 'X-A': 'a', 'X-B': 'b' },
      })
    );
    const kept = right(
      resolveConnection(
        { auth: { type: 'basic', username: 'v' }, headers: { 'X-A': null } },
        stored
      )
    );
    expect(kept).toEqual({
      auth: { type: 'basic', username: 'v' },
      header_names: ['X-A'],
      secrets: { password: 'p', headers: { 'X-A': 'a' } },
    });
    // Headers left out altogether: all kept.
    expect(right(resolveConnection({ auth: { type: 'none' } }, stored))).toEqual({
      auth: { type: 'none' },
      header_names: ['X-A', 'X-B'],
      secrets: { headers: { 'X-A': 'a', 'X-B': 'b' } },
    });
    // A password never moves to a bearer token.
    expect(isLeft(resolveConnection({ auth: { type: 'bearer' } }, stored))).toBe(true);
  });
});

describe('connectionView and scrapeConnection', () => {
  const attributes = {
    ...base,
    ...right(
      resolveConnection({
        auth: { type: 'basic', username: 'u', password: 'p' },
        headers: { 'X-A': 'a' },
      })
    ),
  } as TargetAttributes;

  it('shows what is set, never the secret', () => {
    const view = connectionView(attributes);
    expect(view).toEqual({
      auth: { type: 'basic', username: 'u', has_password: true },
      headers: { 'X-A': { has_value: true } },
    });
    expect(JSON.stringify(view)).not.toContain('"p"');
  });

  it('builds the headers a scrape sends, and refuses a target whose secrets are gone', () => {
    expect(right(scrapeConnection(attributes))).toEqual({
      headers: { 'X-A': 'a', authorization: `Basic ${Buffer.from('u:p').toString('base64')}` },
    });
    const { secrets: _gone, ...stripped } = attributes;
    expect(isLeft(scrapeConnection(stripped as TargetAttributes))).toBe(true);
  });
});

describe('HeadersRequest', () => {
  it('refuses headers the scraper sets, bad names and values with line breaks', () => {
    for (const headers of [
      { Authorization: 'x' },
      { Host: 'x' },
      { 'bad name': 'x' },
      { 'X-A': 'a\r\nX-B: b' },
      Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-${i}`, 'v'])),
    ]) {
      expect([headers, isRight(HeadersRequest.decode(headers))]).toEqual([headers, false]);
    }
    expect(isRight(HeadersRequest.decode({ 'X-Api-Key': 'k', 'X-Other': null }))).toBe(true);
  });
});

describe('resolveConnectionAt', () => {
  const stored = {
    url: 'http://10.0.0.1:6060/debug/vars',
    auth: { type: 'basic' as const, username: 'u' },
    header_names: ['X-A'],
    secrets: { password: 'p', headers: { 'X-A': 'a' } },
  };

  it('keeps the stored secrets on the origin they were given for', () => {
    const kept = right(
      resolveConnectionAt(
        'http://10.0.0.1:6060/other/path',
        { auth: { type: 'basic', username: 'u' } },
        stored
      )
    );
    expect(kept.secrets).toEqual({ password: 'p', headers: { 'X-A': 'a' } });
  });

  it('never sends them to another origin: they must be given again, and the refusal says why', () => {
    for (const elsewhere of [
      'http://10.0.0.2:6060/debug/vars',
      'https://10.0.0.1:6060/debug/vars',
    ]) {
      const refused = resolveConnectionAt(
        elsewhere,
        { auth: { type: 'basic', username: 'u' } },
        stored
      );
      expect(isLeft(refused) && refused.left).toBe(
        `[auth.password] is required for basic authentication: stored secrets are sent only to http://10.0.0.1:6060; give them again to use ${
          new URL(elsewhere).origin
        }`
      );
    }
    const given = right(
      resolveConnectionAt(
        'http://10.0.0.2:6060/debug/vars',
        { auth: { type: 'basic', username: 'u', password: 'q' }, headers: { 'X-A': 'b' } },
        stored
      )
    );
    expect(given.secrets).toEqual({ password: 'q', headers: { 'X-A': 'b' } });
  });
});
