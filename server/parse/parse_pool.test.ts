import { isLeft, isRight } from 'fp-ts/Either';
import { MANY_CUSTOM_VARS } from '../../test/fixtures/payloads/bad_payloads';
import { realShapedPage } from '../../test/fixtures/payloads/real_shaped_page';
import type { FetchedBody } from '../scrape/fetch_expvar';
import { ParsePool } from './parse_pool';
import { parseExpvar } from './parse_expvar';

const fetched = (body: Buffer): FetchedBody => ({
  status: 200,
  contentType: 'application/json',
  body,
  durationMs: 1,
});

describe('ParsePool', () => {
  const pool = new ParsePool();
  afterAll(() => pool.stop());

  it('gives a large page the same payload in a worker as inline, bigints and all', async () => {
    const body = realShapedPage(10_000); // 273 KB
    const inWorker = await pool.parse(fetched(body), 500);
    expect(inWorker).toEqual(parseExpvar(fetched(body), 500));
    expect(isRight(inWorker) && inWorker.right.memstats?.LastGC).toBe(1795322863123456789n);
  });

  it('keeps the event loop turning while a worker parses 640 k custom vars (8 MiB), and counts them', async () => {
    // Counted in turns of the loop, not milliseconds: parsed inline, the page would hold the
    // loop for its whole parse and not one turn would pass before the result. The time it
    // takes is measured by test/bench/event_loop_blocking.ts.
    let turns = 0;
    let turning = true;
    const turn = () => {
      turns++;
      if (turning) setImmediate(turn);
    };
    setImmediate(turn);
    const result = await pool.parse(fetched(Buffer.from(MANY_CUSTOM_VARS.body)), 500);
    turning = false;
    expect(isRight(result) && result.right.customVars).toMatchObject({
      total: MANY_CUSTOM_VARS.total,
      dropped: MANY_CUSTOM_VARS.total - 500,
    });
    expect(turns).toBeGreaterThan(100);
  });

  it('reports a worker that fails as one error for the scrape, and starts a new one for the next', async () => {
    const tiny = new ParsePool(0);
    const body = Buffer.from('{"cmdline":["./app"],"x":1}');
    await tiny.stop(); // nothing pending: a no-op
    const answered = await tiny.parse(fetched(body), 10);
    expect(isRight(answered)).toBe(true);
    const pending = tiny.parse(fetched(body), 10);
    await tiny.stop();
    const cancelled = await pending;
    expect(isLeft(cancelled) && cancelled.left.message).toBe(
      'the parse was cancelled because Kibana is stopping'
    );
    const again = await tiny.parse(fetched(body), 10);
    expect(isRight(again)).toBe(true);
    await tiny.stop();
  });
});
