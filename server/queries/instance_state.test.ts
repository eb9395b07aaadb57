import { instanceHealthOf, staleAfterMs, type InstanceObservation } from './instance_state';

const NOW = 1_700_000_000_000;
const seen = (over: Partial<InstanceObservation> = {}): InstanceObservation => ({
  instance: 'api-1',
  targetId: 'id-1',
  lastAttemptAt: NOW - 5_000,
  periodMs: 10_000,
  failed: false,
  lastSuccessAt: NOW - 5_000,
  ...over,
});
const enabled = new Map([['id-1', true]]);

describe('instanceHealthOf', () => {
  it('is up when the newest attempt succeeded lately', () => {
    expect(instanceHealthOf(seen(), NOW, enabled)).toMatchObject({ state: 'up' });
  });

  it('is down since the first failure after the last success, with the error', () => {
    const failing = seen({
      failed: true,
      errorType: 'refused',
      errorMessage: 'connection refused by 127.0.0.1:1',
      lastSuccessAt: NOW - 60_000,
    });
    expect(instanceHealthOf(failing, NOW, enabled, NOW - 50_000)).toEqual({
      instance: 'api-1',
      target_id: 'id-1',
      state: 'down',
      last_attempt_at: NOW - 5_000,
      last_success_at: NOW - 60_000,
      period_ms: 10_000,
      down_since: NOW - 50_000,
      error: { class: 'refused', message: 'connection refused by 127.0.0.1:1' },
    });
    // Before the second search answers, the newest failure stands in.
    expect(instanceHealthOf(failing, NOW, enabled)).toMatchObject({ down_since: NOW - 5_000 });
  });

  it('reads an unknown error class as bad_payload rather than failing', () => {
    expect(
      instanceHealthOf(seen({ failed: true, errorType: 'martian' }), NOW, enabled)
    ).toMatchObject({ state: 'down', error: { class: 'bad_payload', message: '' } });
  });

  it('is stale when no attempt came for a few periods, whatever the last outcome', () => {
    const silent = seen({ lastAttemptAt: NOW - staleAfterMs(10_000) - 1, failed: true });
    expect(instanceHealthOf(silent, NOW, enabled)).toMatchObject({
      state: 'stale',
      cause: 'not_scraped',
    });
    expect(
      instanceHealthOf(seen({ lastAttemptAt: NOW - staleAfterMs(10_000) }), NOW, enabled).state
    ).toBe('up');
  });

  it('is stale as disabled or removed from the targets, and trusts the documents when the targets are unknown', () => {
    expect(instanceHealthOf(seen(), NOW, new Map([['id-1', false]]))).toMatchObject({
      state: 'stale',
      cause: 'disabled',
    });
    expect(instanceHealthOf(seen(), NOW, new Map())).toMatchObject({
      state: 'stale',
      cause: 'removed',
    });
    expect(instanceHealthOf(seen(), NOW, undefined).state).toBe('up');
  });
});
