import { freshState } from '../collection_state/target_state';
import { adoptLegacyStates, decodePollTaskState, pollStateSchemaByVersion } from './poll_state';

const cursor = {
  num_gc: 12,
  pause_total_ns: '1200',
  total_alloc: '5000',
  mallocs: '70',
  scraped_at: 1_700_000_000_000,
  cmdline: null,
};
const version0 = {
  targets: {
    t1: { last_slot: 1_700_000_000_000, last_success_at: 1_700_000_000_100, cursor },
    t2: { last_slot: 5 },
  },
};

describe('poll task state versions', () => {
  it('brings a version-0 state (every target in the task) up to version 1, keeping the targets to move', () => {
    const up = pollStateSchemaByVersion[1].up(version0);
    expect(up).toEqual({ runs: 0, legacy_targets: version0.targets });
    expect(pollStateSchemaByVersion[1].schema.validate(up)).toEqual(up);
    expect(decodePollTaskState(version0)).toEqual({ runs: 0, legacy_targets: version0.targets });
  });

  it('leaves a version-1 state as it is, and starts an unreadable one fresh', () => {
    expect(decodePollTaskState({ runs: 7 })).toEqual({ runs: 7 });
    expect(decodePollTaskState(null)).toEqual({ runs: 0 });
    expect(decodePollTaskState({ runs: 'many' })).toEqual({ runs: 0 });
    expect(() => pollStateSchemaByVersion[1].schema.validate({ runs: 1, surprise: true })).toThrow(
      '[surprise]: definition for this key is missing'
    );
  });

  it('moves version-0 target states into the store where it has nothing, keeping the GC cursor', () => {
    const loaded = new Map([
      ['t1', freshState('t1')],
      ['t2', { ...freshState('t2'), last_slot: 99 }],
    ]);
    expect(adoptLegacyStates(version0.targets, loaded)).toEqual(['t1']);
    expect(loaded.get('t1')).toMatchObject({
      last_slot: 1_700_000_000_000,
      written_slot: 1_700_000_000_000,
      cursor,
      last_success_at: 1_700_000_000_100,
    });
    // The store's newer state wins over the task's older one.
    expect(loaded.get('t2')).toEqual({ ...freshState('t2'), last_slot: 99 });
  });

  it('ignores a version-0 entry it cannot read instead of failing every target', () => {
    const loaded = new Map([['t1', freshState('t1')]]);
    expect(adoptLegacyStates({ t1: { last_slot: 'yesterday' } }, loaded)).toEqual([]);
    expect(loaded.get('t1')).toEqual(freshState('t1'));
  });
});
