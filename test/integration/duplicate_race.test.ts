import { startHostProcess, uniquePrefix, type HostProcess } from '../harness/host_process';

jest.setTimeout(180_000);

// Two Kibana nodes of one deployment (one index prefix): the claims must hold across them.
let nodes: HostProcess[];

beforeAll(async () => {
  const indexPrefix = uniquePrefix('duprace');
  nodes = await Promise.all([
    startHostProcess({ indexPrefix, name: 'node-a' }),
    startHostProcess({ indexPrefix, name: 'node-b' }),
  ]);
});
afterAll(async () => {
  await Promise.all(nodes?.map((node) => node.stop()) ?? []);
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
