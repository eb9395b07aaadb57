import { isLeft, isRight } from 'fp-ts/Either';
import { formatValidationErrors } from './io_ts_errors';
import { CreateTargetRequest, ListTargetsQuery } from './targets';

const valid = {
  name: 'orders-1',
  service_name: 'orders',
  url: 'http://127.0.0.1:6061/debug/vars',
  interval: '10s',
};

function errorOf(input: unknown): string {
  const decoded = CreateTargetRequest.decode(input);
  if (!isLeft(decoded)) throw new Error('expected a validation error');
  return formatValidationErrors(decoded.left);
}

describe('CreateTargetRequest', () => {
  it('accepts a complete request, enabled optional', () => {
    expect(isRight(CreateTargetRequest.decode(valid))).toBe(true);
    expect(isRight(CreateTargetRequest.decode({ ...valid, enabled: false }))).toBe(true);
  });

  it('names an unknown key instead of ignoring it', () => {
    expect(errorOf({ ...valid, intervall: '10s' })).toContain('unknown key: intervall');
  });

  it('names each missing field', () => {
    expect(errorOf({ name: 'x' })).toBe(
      '[service_name] is required; [url] is required; [interval] is required'
    );
  });

  it.each([
    ['ftp://host/debug/vars', 'must use http or https'],
    ['not a url', 'is not a valid URL'],
    ['http://user:secret@host:6060/debug/vars', 'must not contain credentials'],
  ])('rejects the URL %s', (url, message) => {
    expect(errorOf({ ...valid, url })).toContain(message);
  });

  it('rejects blank and oversized names', () => {
    expect(errorOf({ ...valid, name: '   ' })).toContain('[name] must not be empty');
    expect(errorOf({ ...valid, service_name: 'x'.repeat(300) })).toContain(
      '[service_name] must be at most 256 characters'
    );
  });
});

describe('ListTargetsQuery', () => {
  it('refuses an unknown sort field, naming each one it sorts by', () => {
    const decoded = ListTargetsQuery.decode({ sort_field: 'interval' });
    if (!isLeft(decoded)) throw new Error('expected a validation error');
    expect(formatValidationErrors(decoded.left)).toContain(
      'expected "name", "service_name", "url" or "enabled"'
    );
    expect(isRight(ListTargetsQuery.decode({ sort_field: 'service_name' }))).toBe(true);
  });
});
