import type { ElasticsearchClient, Logger } from '@kbn/core/server';
import { right } from 'fp-ts/Either';
import { FakeClock } from '../../test/fixtures/fake_clock';
import { goJson, realShapedMemstats } from '../../test/fixtures/payloads/real_shaped_page';
import { freshState, type TargetCollectionState } from '../collection_state/target_state';
import type { CollectionStateStore } from '../collection_state/collection_state_store';
import { parseExpvar } from '../parse/parse_expvar';
import { createScrapeAccess } from '../scrape/scrape_access';
import { ScrapePolicy } from '../scrape/scrape_policy';
import { WriteBuffer } from '../storage/write_buffer';
import type { TargetCatalog } from '../targets/target_catalog';
import { decodeSavedTarget, type ValidTarget } from '../targets/saved_target';
import { runPartition, type PartitionRunDeps } from './partition_run';
import { ScrapeCoordinator } from './scrape_coordinator';
import { currentSlot } from './scrape_plan';
import type { ScrapeResult } from './scrape_target';

// Pure logic of a run, against small fakes of the store, the catalog and Elasticsearch, on a
// fake clock: no test waits for real time. The same behaviour against the real ones is in
// test/integration (outage, three hosts).

/** Any instant will do; a fixed one makes the grid the same at every run. */
const START = Date.UTC(2026, 0, 1, 12, 0, 0, 123);

const silent: Logger = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
  fatal() {},
  get: () => silent,
};

function page(numGc: number): string {
  return goJson({ cmdline: ['/bin/app'], memstats: realShapedMemstats(numGc) });
}

function payload(numGc: number): ScrapeResult {
  const parsed = parseExpvar({
    status: 200,
    contentType: 'application/json',
    body: Buffer.from(page(numGc)),
    durationMs: 1,
  });
  if (parsed._tag === 'Left') throw new Error(parsed.left.message);
  return { payload: parsed.right, scrapedAt: new Date(), durationMs: 1, status: 200, bytes: 100 };
}

function target(id: string, intervalMs: number): ValidTarget {
  const decoded = decodeSavedTarget({
    id,
    type: 'go-runtime-target',
    references: [],
    attributes: {
      name: id,
      service_name: 'svc',
      url: `http://127.0.0.1:1/${id}`,
      interval: '1s',
      enabled: true,
    },
  });
  if (!decoded.valid) throw new Error(decoded.reason);
  return { ...decoded.target, intervalMs };
}

function setup(
  targets: ValidTarget[],
  stored: TargetCollectionState[] = [],
  bulk: (clock: FakeClock) => Promise<unknown> = async () => ({ items: [] })
) {
  const clock = new FakeClock(START);
  const states = new Map(stored.map((state) => [state.target_id, state]));
  const store = {
    load: async (ids: readonly string[]) =>
      new Map(ids.map((id) => [id, states.get(id) ?? freshState(id)])),
    save: async (saved: readonly TargetCollectionState[]) => {
      for (const state of saved) states.set(state.target_id, state);
      return [];
    },
  } as unknown as CollectionStateStore;
  const bulkCalls: number[] = [];
  const client = {
    bulk: async ({ operations }: { operations: string[] }) => {
      bulkCalls.push(operations.length / 2);
      const answer = (await bulk(clock)) as { items: unknown[] };
      return answer.items.length > 0
        ? answer
        : {
            items: operations
              .filter((_, i) => i % 2 === 0)
              .map(() => ({ create: { status: 201 } })),
          };
    },
  } as unknown as ElasticsearchClient;
  const scrapes = new ScrapeCoordinator(10, 100);
  const deps: PartitionRunDeps = {
    logger: silent,
    catalog: { targetsOf: async () => targets } as unknown as TargetCatalog,
    store,
    buffer: new WriteBuffer(
      {
        maxBytes: 10_000_000,
        chunkBytes: 1_000_000,
        chunkDocuments: 100,
        minBackoffMs: 50,
        maxBackoffMs: 100,
        flushIntervalMs: 50,
      },
      () => clock.now()
    ),
    scrapes,
    settings: {
      maxBytes: 1_000_000,
      maxTimeoutMs: 1_000,
      access: createScrapeAccess(new ScrapePolicy({ allowedHosts: ['*'], deniedNetworks: [] })),
    },
    esClient: async () => client,
    storageReady: async () => undefined,
    partitions: 1,
    runMs: 350,
    deadlineMs: 3_000,
    recoveryMs: 300,
    scrape: async () => right(payload(5)),
    clock,
  };
  return { deps, states, scrapes, bulkCalls, clock };
}

describe('runPartition', () => {
  it('scrapes each target once per slot, writes its documents and keeps the cursor of what was written', async () => {
    const { deps, states } = setup([target('a', 100)]);
    const summary = await runPartition(deps, 0, new AbortController().signal);
    expect(summary.scrapes).toBeGreaterThanOrEqual(3);
    expect(summary.written).toBe(summary.scrapes);
    const state = states.get('a')!;
    expect(state.written_slot).toBe(state.derived_slot);
    expect(state.cursor?.num_gc).toBe(5);
  });

  it('saves the cursor of the last written document of a target disabled during the run', async () => {
    const a = target('a', 50);
    const { deps, states } = setup([a]);
    let syncs = 0;
    let scraped = 0;
    const run = {
      ...deps,
      runMs: 1_600,
      // Enabled at the first sync, disabled at the next one (1 s later).
      catalog: { targetsOf: async () => (syncs++ === 0 ? [a] : []) } as unknown as TargetCatalog,
      scrape: async () => right(payload(++scraped)),
    };
    const writtenGcs: number[] = [];
    const bulk = run.esClient;
    run.esClient = async () => {
      const client = await bulk();
      return {
        bulk: (request: { operations: unknown[] }) => {
          for (const line of request.operations) {
            const doc = (typeof line === 'string' ? JSON.parse(line) : line) as any;
            const count = doc?.golang?.heap?.gc?.total_count;
            if (typeof count === 'number') writtenGcs.push(count);
          }
          return client.bulk(request as never);
        },
      } as unknown as ElasticsearchClient;
    };
    await runPartition(run, 0, new AbortController().signal);
    expect(syncs).toBeGreaterThanOrEqual(2);
    expect(writtenGcs.length).toBeGreaterThan(5);
    // Enabled again later, it goes on from the GC count of its last document, not an older one.
    expect(states.get('a')?.cursor?.num_gc).toBe(Math.max(...writtenGcs));
  });

  it('drops an outcome that arrives after a newer slot of its target was derived elsewhere', async () => {
    // An hour's grid: no new slot opens while the run lasts.
    const a = target('a', 3_600_000);
    const newer = currentSlot(a, START);
    const { deps, states, scrapes } = setup(
      [a],
      [{ ...freshState('a'), last_slot: newer, derived_slot: newer }]
    );
    // A straggler of an older run on this node, for the slot before.
    await scrapes.launch({ id: 'a', name: 'a', url: 'x' }, newer - 3_600_000, 0, async () =>
      right(payload(99))
    );
    const summary = await runPartition(deps, 0, new AbortController().signal);
    expect(summary.lateOutcomes).toBe(1);
    expect(states.get('a')!.cursor).toBeUndefined();
  });

  it('counts a slot as missed when the previous scrape of the target is still running, and says so in its state', async () => {
    const { deps, states } = setup([target('slow', 100)]);
    const slow = { ...deps, scrape: () => new Promise<never>(() => undefined), runMs: 450 };
    const summary = await runPartition(slow, 0, new AbortController().signal);
    expect(summary.missedSlots).toBeGreaterThanOrEqual(2);
    expect(states.get('slow')!.missed_slots).toBe(summary.missedSlots);
  });

  it('counts the slots that passed between the previous run and this one apart, in the state but without a warning', async () => {
    const a = target('a', 100);
    // The previous run's last slot of this target was 4 slots ago: 3 passed in the hand-over.
    const previous = currentSlot(a, START) - 400;
    const warnings: string[] = [];
    const { deps, states } = setup([a], [{ ...freshState('a'), last_slot: previous }]);
    const run = { ...deps, logger: { ...silent, warn: (m: string) => warnings.push(m) } };
    const summary = await runPartition(run as PartitionRunDeps, 0, new AbortController().signal);
    expect(summary.handoverSlots).toBeGreaterThanOrEqual(3);
    expect(summary.missedSlots).toBe(0);
    expect(states.get('a')!.missed_slots).toBe(summary.handoverSlots);
    expect(warnings).toEqual([]);
  });

  it('keeps scraping past its time while Elasticsearch is down, and ends once the buffer is written', async () => {
    // Down for the first 900 ms of the run, well past its 350 ms.
    const { deps, states, clock } = setup([target('a', 100)], [], async (at) => {
      if (at.now() < START + 900) throw new Error('connect ECONNREFUSED');
      return { items: [] };
    });
    const summary = await runPartition(deps, 0, new AbortController().signal);
    // It stays past the recovery, so that its handover does not meet a cluster still starting.
    expect(clock.now() - START).toBeGreaterThan(1_200);
    expect(summary.scrapes).toBeGreaterThanOrEqual(8);
    expect(summary.written).toBe(summary.scrapes);
    expect(summary.unwritten).toBe(0);
    expect(states.get('a')!.written_slot).toBe(states.get('a')!.derived_slot);
  });

  it('ends at its deadline with the rest left in the buffer when Elasticsearch stays down', async () => {
    const { deps } = setup([target('a', 100)], [], async () => {
      throw new Error('connect ECONNREFUSED');
    });
    const summary = await runPartition(
      { ...deps, deadlineMs: 800 },
      0,
      new AbortController().signal
    );
    expect(summary.written).toBe(0);
    expect(summary.unwritten).toBeGreaterThan(0);
  });

  it('ends at its deadline, and gives up on its last save, when the state store never answers', async () => {
    const { deps, clock } = setup([target('a', 100)]);
    const store = {
      load: deps.store.load,
      save: () => new Promise<never>(() => undefined),
    } as unknown as CollectionStateStore;
    const hung: PartitionRunDeps = { ...deps, store };
    const summary = await runPartition(hung, 0, new AbortController().signal);
    // Its state never saved, it never winds down: it keeps to the grid up to the deadline.
    expect(summary.scrapes).toBeGreaterThan(20);
    // The deadline (3 s), then the bounded last save (5 s): past the task's timeout another
    // node may hold the partition, so the run must not wait for the store any longer.
    expect(clock.now() - START).toBeGreaterThanOrEqual(3_000 + 5_000);
  });
});
