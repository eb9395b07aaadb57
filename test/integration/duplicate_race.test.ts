import type { Client } from '@elastic/elasticsearch';
import { TARGET_URL_CLAIM_TYPE } from '../../common/constants';
import { urlClaimId } from '../../server/targets/url_claims';
import { esClient } from '../harness/documents';
import { startHostProcess, uniquePrefix, type HostProcess } from '../harness/host_process';

jest.setTimeout(180_000);

// Two Kibana nodes of one deployment (one index prefix): the claims must hold across them.
let nodes: HostProcess[];
let client: Client;
let indexPrefix: string;

beforeAll(async () => {
  client = esClient();
  indexPrefix = uniquePrefix('duprace');
  nodes = await Promise.all([
    startHostProcess({ indexPrefix, name: 'node-a' }),
    startHostProcess({ indexPrefix, name: 'node-b' }),
  ]);
});
afterAll(async () => {
  await Promise.all(nodes?.map((node) => node.stop()) ?? []);
  await client?.close();
});

const body = (name: string, url: string) => ({
  name,
  service_name: 'race',
  url,
  interval: '10s',
  enabled: false,
});

it('lets exactly one of 10 concurrent creates of one URL, over two nodes, succeed; the others get a 409 naming it', async () => {
  // One URL in ten spellings, sent at once, alternating between the nodes.
  const spellings = Array.from({ length: 10 }, (_, k) =>
    k % 2 === 0 ? 'http://127.0.0.1:7301/debug/vars' : `HTTP://127.0.0.1:7301/debug/vars#${k}`
  );
  const answers = await Promise.all(
    spellings.map((url, k) =>
      nodes[k % 2]!.request('POST', '/api/go_runtime/targets', { body: body(`race-${k}`, url) })
    )
  );
  const created = answers.filter((answer) => answer.status === 200);
  const refused = answers.filter((answer) => answer.status === 409);
  expect(created).toHaveLength(1);
  expect(refused).toHaveLength(9);
  const winner = created[0]!.body;
  for (const answer of refused)
    expect(answer.body.message).toBe(
      `A target for http://127.0.0.1:7301/debug/vars exists already: [${winner.name}] (id ${winner.id}); edit that one instead`
    );
  const listed = await nodes[1]!.request('GET', '/api/go_runtime/targets');
  expect(listed.body.targets.map((t: { id: string }) => t.id)).toEqual([winner.id]);

  // Deleting releases the URL at once; so does moving a target to another URL.
  expect((await nodes[0]!.request('DELETE', `/api/go_runtime/targets/${winner.id}`)).status).toBe(
    204
  );
  const again = await nodes[1]!.request('POST', '/api/go_runtime/targets', {
    body: body('race-again', 'http://127.0.0.1:7301/debug/vars'),
  });
  expect(again.status).toBe(200);
  const moved = await nodes[0]!.request('PUT', `/api/go_runtime/targets/${again.body.id}`, {
    body: {
      ...body('race-again', 'http://127.0.0.1:7302/debug/vars'),
      version: again.body.version,
    },
  });
  expect(moved.status).toBe(200);
  const onOldUrl = await nodes[0]!.request('POST', '/api/go_runtime/targets', {
    body: body('race-old-url', 'http://127.0.0.1:7301/debug/vars'),
  });
  expect(onOldUrl.status).toBe(200);
  const onNewUrl = await nodes[1]!.request('POST', '/api/go_runtime/targets', {
    body: body('race-new-url', 'http://127.0.0.1:7302/debug/vars'),
  });
  expect(onNewUrl.status).toBe(409);
  expect(onNewUrl.body.message).toContain(`[race-again] (id ${again.body.id})`);

  // Ten concurrent moves of ten targets onto one free URL: one wins.
  const movers = await Promise.all(
    Array.from({ length: 10 }, (_, k) =>
      nodes[k % 2]!.request('POST', '/api/go_runtime/targets', {
        body: body(`mover-${k}`, `http://127.0.0.1:${7400 + k}/debug/vars`),
      })
    )
  );
  const moves = await Promise.all(
    movers.map((mover, k) =>
      nodes[k % 2]!.request('PUT', `/api/go_runtime/targets/${mover.body.id}`, {
        body: {
          ...body(mover.body.name, 'http://127.0.0.1:7399/debug/vars'),
          version: mover.body.version,
        },
      })
    )
  );
  expect(moves.filter((move) => move.status === 200)).toHaveLength(1);
  expect(moves.filter((move) => move.status === 409)).toHaveLength(9);
  // The nine that lost kept their own URLs (and their claims): no one can take those.
  const loser = movers[moves.findIndex((move) => move.status === 409)]!.body;
  const onLosersUrl = await nodes[0]!.request('POST', '/api/go_runtime/targets', {
    body: body('taker', loser.url),
  });
  expect(onLosersUrl.status).toBe(409);
});

/** A claim as a node that died after claiming would leave it, written straight into the index. */
async function leaveClaim(url: string, targetId: string, claimedAt: Date) {
  const now = new Date().toISOString();
  await client.index({
    index: `${indexPrefix}_saved_objects`,
    id: `${TARGET_URL_CLAIM_TYPE}:${urlClaimId('default', url)}`,
    refresh: true,
    document: {
      type: TARGET_URL_CLAIM_TYPE,
      namespaces: ['default'],
      created_at: now,
      updated_at: now,
      references: [],
      [TARGET_URL_CLAIM_TYPE]: {
        url,
        target_id: targetId,
        target_name: 'never-written',
        claimed_at: claimedAt.toISOString(),
      },
    },
  });
}

it('takes over a claim whose target never came once it is stale, and not before; a bulk delete releases its claims', async () => {
  // Young: the target may still be on its way, so the URL stays taken, naming it.
  await leaveClaim('http://127.0.0.1:7501/debug/vars', 'in-flight-id', new Date());
  const young = await nodes[0]!.request('POST', '/api/go_runtime/targets', {
    body: body('after-young', 'http://127.0.0.1:7501/debug/vars'),
  });
  expect(young.status).toBe(409);
  expect(young.body.message).toContain('[never-written] (id in-flight-id)');
  // Older than the grace period, and its target does not exist: taken over, by one of ten.
  await leaveClaim(
    'http://127.0.0.1:7502/debug/vars',
    'dead-node-id',
    new Date(Date.now() - 60_000)
  );
  const takeovers = await Promise.all(
    Array.from({ length: 10 }, (_, k) =>
      nodes[k % 2]!.request('POST', '/api/go_runtime/targets', {
        body: body(`after-stale-${k}`, 'http://127.0.0.1:7502/debug/vars'),
      })
    )
  );
  expect(takeovers.filter((answer) => answer.status === 200)).toHaveLength(1);
  expect(takeovers.filter((answer) => answer.status === 409)).toHaveLength(9);

  // Bulk delete: the URLs are free again at once.
  const created = await Promise.all(
    [7601, 7602, 7603].map((port) =>
      nodes[0]!.request('POST', '/api/go_runtime/targets', {
        body: body(`bulk-${port}`, `http://127.0.0.1:${port}/debug/vars`),
      })
    )
  );
  const deleted = await nodes[1]!.request('POST', '/api/go_runtime/targets/_bulk_delete', {
    body: { ids: created.map((answer) => answer.body.id) },
  });
  expect(deleted.body.succeeded).toHaveLength(3);
  const recreated = await Promise.all(
    [7601, 7602, 7603].map((port) =>
      nodes[0]!.request('POST', '/api/go_runtime/targets', {
        body: body(`bulk-again-${port}`, `http://127.0.0.1:${port}/debug/vars`),
      })
    )
  );
  expect(recreated.map((answer) => answer.status)).toEqual([200, 200, 200]);
});
