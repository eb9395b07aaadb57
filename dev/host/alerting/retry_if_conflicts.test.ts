import type { Logger } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import { retryIfConflicts } from './retry_if_conflicts';

const logger = { debug: () => undefined } as unknown as Logger;

describe('retryIfConflicts (as Kibana rules client)', () => {
  it('runs the operation again after a 409, up to two retries', async () => {
    let calls = 0;
    const result = await retryIfConflicts(logger, 'disable', async () => {
      calls++;
      if (calls < 3) throw SavedObjectsErrorHelpers.createConflictError('alert', 'r');
      return 'done';
    });
    expect({ result, calls }).toEqual({ result: 'done', calls: 3 });
  });

  it('gives up after two retries, and does not retry other errors', async () => {
    let calls = 0;
    const error = await retryIfConflicts(logger, 'update', async () => {
      calls++;
      throw SavedObjectsErrorHelpers.createConflictError('alert', 'r');
    }).catch((caught: Error) => caught);
    expect(SavedObjectsErrorHelpers.isConflictError(error as Error)).toBe(true);
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      retryIfConflicts(logger, 'update', async () => {
        calls++;
        throw new Error('boom');
      })
    ).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });
});
