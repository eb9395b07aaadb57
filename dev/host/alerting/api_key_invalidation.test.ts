import type { Logger, SavedObjectsClientContract } from '@kbn/core/server';
import {
  API_KEY_PENDING_INVALIDATION_TYPE,
  invalidatePendingApiKeys,
} from './api_key_invalidation';
import type { RuleApiKeys } from './rule_api_keys';

const errors: string[] = [];
const logger = {
  error: (message: string) => errors.push(message),
  debug: () => undefined,
} as unknown as Logger;

/** The queue as the repository answers it: sorted by createdAt, pages of perPage. */
function fakeQueue(entries: Array<{ apiKeyId: string; createdAt: string }>) {
  const objects = entries.map((attributes, index) => ({ id: `p${index}`, attributes }));
  const queue = {
    find: async ({ perPage }: { perPage: number }) => {
      const sorted = [...objects].sort((a, b) =>
        a.attributes.createdAt.localeCompare(b.attributes.createdAt)
      );
      return { total: sorted.length, saved_objects: sorted.slice(0, perPage) };
    },
    delete: async (type: string, id: string) => {
      expect(type).toBe(API_KEY_PENDING_INVALIDATION_TYPE);
      objects.splice(
        objects.findIndex((object) => object.id === id),
        1
      );
      return {};
    },
  };
  return { queue: queue as unknown as SavedObjectsClientContract, objects };
}

function fakeApiKeys(fail = false) {
  const invalidated: string[][] = [];
  const apiKeys = {
    invalidateAsInternalUser: async (ids: readonly string[]) => {
      if (fail) throw new Error('security_exception');
      invalidated.push([...ids]);
    },
  } as unknown as RuleApiKeys;
  return { apiKeys, invalidated };
}

const now = new Date('2026-12-01T12:00:00.000Z');
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();

/** One run of the task with Kibana's default removal delay (1 h). */
const onePass = (queue: SavedObjectsClientContract, apiKeys: RuleApiKeys) =>
  invalidatePendingApiKeys({ queue, apiKeys, logger, removalDelayMs: 3_600_000, now });

describe('invalidatePendingApiKeys (as Kibana alerting runInvalidate)', () => {
  beforeEach(() => errors.splice(0));

  it('invalidates the keys queued at least removalDelay ago, and leaves the younger ones queued', async () => {
    const { queue, objects } = fakeQueue([
      { apiKeyId: 'young', createdAt: at(10) },
      { apiKeyId: 'old', createdAt: at(90) },
      { apiKeyId: 'exactly-due', createdAt: at(60) },
    ]);
    const { apiKeys, invalidated } = fakeApiKeys();
    const total = await onePass(queue, apiKeys);
    expect(total).toBe(2);
    expect(invalidated).toEqual([['old', 'exactly-due']]);
    expect(objects.map((object) => object.attributes.apiKeyId)).toEqual(['young']);
  });

  it('goes through more than a page of due keys, a page per invalidation', async () => {
    const { queue, objects } = fakeQueue(
      Array.from({ length: 250 }, (_, i) => ({ apiKeyId: `k${i}`, createdAt: at(120 + i) }))
    );
    const { apiKeys, invalidated } = fakeApiKeys();
    const total = await onePass(queue, apiKeys);
    expect(total).toBe(250);
    expect(invalidated.map((ids) => ids.length)).toEqual([100, 100, 50]);
    expect(objects).toEqual([]);
  });

  it('keeps the keys queued when the invalidation fails, and logs it', async () => {
    const { queue, objects } = fakeQueue([{ apiKeyId: 'old', createdAt: at(90) }]);
    const { apiKeys } = fakeApiKeys(true);
    const total = await onePass(queue, apiKeys);
    expect(total).toBe(0);
    expect(objects).toHaveLength(1);
    expect(errors).toEqual(['Failed to invalidate API Keys [count="1"]: security_exception']);
  });
});
