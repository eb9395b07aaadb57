import { decodePollTaskState, pollStateSchemaByVersion } from './poll_state';

describe('poll task state version 1', () => {
  it('keeps a version-1 state, starts an unreadable one fresh, and refuses unknown keys on write', () => {
    expect(decodePollTaskState({ runs: 7 })).toEqual({ runs: 7 });
    expect(decodePollTaskState(null)).toEqual({ runs: 0 });
    expect(decodePollTaskState({ runs: 'many' })).toEqual({ runs: 0 });
    expect(pollStateSchemaByVersion[1].schema.validate({ runs: 3 })).toEqual({ runs: 3 });
    expect(() => pollStateSchemaByVersion[1].schema.validate({ runs: 1, surprise: true })).toThrow(
      '[surprise]: definition for this key is missing'
    );
  });
});
