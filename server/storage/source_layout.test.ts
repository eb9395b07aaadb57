import { LEGACY_SYNTHETIC_CUTOFF_MS, readSourceLayout, sourceModeFor } from './source_layout';

describe('sourceModeFor', () => {
  it('gives synthetic _source to the licences Elasticsearch allows it on for time series', () => {
    expect(sourceModeFor({ type: 'enterprise', status: 'active' })).toBe('synthetic');
    expect(sourceModeFor({ type: 'trial', status: 'active' })).toBe('synthetic');
    // Gold and Platinum started before Elasticsearch's cut-off keep the legacy allowance.
    expect(
      sourceModeFor({ type: 'platinum', status: 'active', startDateMs: LEGACY_SYNTHETIC_CUTOFF_MS })
    ).toBe('synthetic');
    expect(
      sourceModeFor({ type: 'gold', status: 'active', startDateMs: Date.UTC(2024, 5, 1) })
    ).toBe('synthetic');
  });

  it('gives the stored layout to every other licence', () => {
    expect(sourceModeFor({ type: 'basic', status: 'active' })).toBe('stored');
    expect(sourceModeFor({ type: 'standard', status: 'active' })).toBe('stored');
    expect(
      sourceModeFor({
        type: 'platinum',
        status: 'active',
        startDateMs: LEGACY_SYNTHETIC_CUTOFF_MS + 1,
      })
    ).toBe('stored');
    expect(sourceModeFor({ type: 'gold', status: 'active', startDateMs: -1 })).toBe('stored');
    expect(sourceModeFor({ type: 'gold', status: 'active' })).toBe('stored');
    expect(sourceModeFor({ type: 'enterprise', status: 'expired' })).toBe('stored');
  });
});

describe('readSourceLayout', () => {
  const clientAnswering = (answer: () => Promise<unknown>) =>
    ({ license: { get: answer } } as never);

  it('reads the licence from the cluster', async () => {
    const layout = await readSourceLayout(
      clientAnswering(async () => ({
        license: { type: 'enterprise', status: 'active', start_date_in_millis: -1, uid: 'x' },
      }))
    );
    expect(layout).toEqual({
      mode: 'synthetic',
      licence: { type: 'enterprise', status: 'active', startDateMs: -1 },
    });
  });

  it('assumes Basic when the licence cannot be read, and says why', async () => {
    expect(
      await readSourceLayout(
        clientAnswering(async () => {
          throw new Error('no handler found for uri [/_license]');
        })
      )
    ).toEqual({
      mode: 'stored',
      licence: undefined,
      error: 'no handler found for uri [/_license]',
    });
    expect(
      await readSourceLayout(clientAnswering(async () => ({ license: { type: 'basic' } })))
    ).toMatchObject({ mode: 'stored', licence: undefined });
  });
});
