/**
 * How the Graph adapter reads accounts by id, over real HTTP against rosterlink's /v1.0: 15 ids to a filtered
 * request instead of one GET per id, and a GET for any id the filters did not return, so that an account Graph's
 * query index has not caught up with yet (Entra replicates lazily) is never taken for deleted.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { GraphDirectory } from '../../src/directory/graph/index.js';
import { startGraphTarget, type GraphTarget } from '../support/graph-target.js';

const LIMITS = {
  perAppTenant: { writes: 100_000, windowSeconds: 1 },
  perTenant: { writes: 100_000, windowSeconds: 1 },
};

describe('Graph adapter reads by id', () => {
  let target: GraphTarget;
  let ids: string[];
  before(async () => {
    target = await startGraphTarget();
    const created = await target.directory({ limits: LIMITS }).createAccounts(
      Array.from({ length: 40 }, (_, i) => ({
        userPrincipalName: `r${i}@reads.example.edu`,
        displayName: `Reader ${i}`,
        password: 'Correct-Horse-7',
        forceChangePasswordNextSignIn: true,
        anchor: `User_r${i}`,
      })),
    );
    ids = created.map((r) => (r.ok ? r.value.id : assert.fail('create failed')));
  });
  after(() => target.close());

  it('asks for 15 accounts a request, and GETs only the ids the filters left out (a deleted one: missing)', async () => {
    const gone = ids[7];
    await target.service.delete(gone);
    const dir = target.directory();
    const accounts = await dir.getAccounts(ids);
    assert.equal(accounts.size, 39);
    assert.equal(accounts.has(gone), false);
    for (const id of ids.filter((x) => x !== gone)) assert.equal(accounts.get(id)?.id, id);
    assert.equal(dir.stats.requests, 3 + 1, 'three filtered reads (15 + 15 + 10 ids) and one GET for the missing id');
  });

  it('finds an account the query index does not show yet by GET, instead of taking it for deleted', async () => {
    const lagging = ids[20];
    const proxy = await hidingProxy(target.url, lagging);
    try {
      const dir = new GraphDirectory({ baseUrl: proxy.url, tokens: async () => target.token });
      const accounts = await dir.getAccounts([ids[19], lagging, ids[21]]);
      assert.deepEqual([...accounts.keys()].sort(), [ids[19], lagging, ids[21]].sort());
      assert.equal(accounts.get(lagging)?.userPrincipalName, 'r20@reads.example.edu');
      assert.equal(proxy.hidden(), 1, 'the proxy did hide the account from a filtered read');
      assert.equal(dir.stats.requests, 2);
    } finally {
      await proxy.close();
    }
  });
});

/**
 * A proxy in front of the server that leaves one account out of every filtered `$batch` read, as Graph's query
 * index does for a moment after a write; GETs by id and everything else pass unchanged.
 */
async function hidingProxy(upstream: string, hiddenId: string) {
  let hidden = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host') headers[k] = v;
        const answer = await fetch(new URL(req.url ?? '/', upstream), {
          method: req.method,
          headers,
          body: body.length > 0 ? body : undefined,
        });
        let text = await answer.text();
        if (req.url?.endsWith('/$batch') && answer.ok) {
          const sent = JSON.parse(body.toString()) as { requests: { id: string; url: string }[] };
          const filtered = new Set(
            sent.requests.filter((r) => decodeURIComponent(r.url).includes('$filter=id in')).map((r) => r.id),
          );
          const envelope = JSON.parse(text) as { responses: { id: string; body?: { value?: { id: string }[] } }[] };
          for (const r of envelope.responses) {
            if (!filtered.has(r.id) || !r.body?.value) continue;
            const before = r.body.value.length;
            r.body.value = r.body.value.filter((u) => u.id !== hiddenId);
            hidden += before - r.body.value.length;
          }
          text = JSON.stringify(envelope);
        }
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(text);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hidden: () => hidden,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
