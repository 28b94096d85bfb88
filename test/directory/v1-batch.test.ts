import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SlidingWindow, WriteThrottle } from '../../src/api/graph/directory/graph-emulation.js';
import { issueLocalToken } from '../../src/auth/local-tokens.js';
import { DirectoryService } from '../../src/directory/embedded/index.js';
import { createTestApi, type TestApi } from '../support/test-server.js';

const PASSWORD = 'Str0ng-Passw0rd!';
const newUser = (upn: string) => ({
  accountEnabled: true,
  displayName: upn.split('@')[0],
  mailNickname: upn.split('@')[0],
  userPrincipalName: upn,
  passwordProfile: { password: PASSWORD },
});
const create = (id: string, upn: string) => ({
  id,
  method: 'POST',
  url: '/users',
  headers: { 'Content-Type': 'application/json' },
  body: newUser(upn),
});

describe('POST /v1.0/$batch (JSON batching)', () => {
  let api: TestApi;
  before(async () => (api = await createTestApi()));
  after(async () => api?.close());

  test('runs each request in order and answers id, status, headers and body', async () => {
    const res = await api.call('POST', '/v1.0/$batch', {
      requests: [
        create('1', 'ann@batch.edu'),
        { id: '2', method: 'GET', url: '/users/ann@batch.edu?$select=id,userPrincipalName' },
        { id: '3', method: 'PATCH', url: 'users/ann@batch.edu', body: { surname: 'Lee' } },
        { id: '4', method: 'GET', url: '/users/00000000-0000-4000-8000-000000000000' },
        create('5', 'ann@batch.edu'),
      ],
    });
    assert.equal(res.status, 200, res.body);
    const [c, g, p, missing, dup] = res.json.responses;
    assert.deepEqual([c.id, c.status], ['1', 201]);
    assert.match(c.headers.location, /\/v1\.0\/users\/[0-9a-f-]{36}$/);
    assert.equal(g.status, 200);
    assert.equal(g.body.userPrincipalName, 'ann@batch.edu');
    assert.equal(p.status, 204);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'Request_ResourceNotFound');
    assert.equal(dup.status, 400);
    assert.match(dup.body.error.message, /already exists/);
    assert.ok(!res.body.includes(PASSWORD));
  });

  test('dependsOn: a failed dependency gives 424 without running the request', async () => {
    const res = await api.call('POST', '/v1.0/$batch', {
      requests: [
        { id: 'a', method: 'GET', url: '/users/nobody@batch.edu' },
        { ...create('b', 'never@batch.edu'), dependsOn: ['a'] },
      ],
    });
    assert.deepEqual(
      res.json.responses.map((r: { status: number }) => r.status),
      [404, 424],
    );
    assert.equal((await api.call('GET', '/v1.0/users/never@batch.edu')).status, 404);
  });

  test('each request needs its own permission', async () => {
    const reader = await issueLocalToken(api.runtime.store, { permissions: ['User.Read.All'], app: true });
    const res = await api.call(
      'POST',
      '/v1.0/$batch',
      { requests: [{ id: '1', method: 'GET', url: '/users?$top=1' }, create('2', 'ro@batch.edu')] },
      { authorization: `Bearer ${reader}` },
    );
    assert.deepEqual(
      res.json.responses.map((r: { status: number }) => r.status),
      [200, 403],
    );
  });

  test('more than 20 requests, duplicate ids, absolute URLs and nested batches are refused', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users' }));
    assert.equal((await api.call('POST', '/v1.0/$batch', { requests: many })).status, 400);
    const dupIds = [
      { id: '1', method: 'GET', url: '/users' },
      { id: '1', method: 'GET', url: '/users' },
    ];
    assert.equal((await api.call('POST', '/v1.0/$batch', { requests: dupIds })).status, 400);
    const res = await api.call('POST', '/v1.0/$batch', {
      requests: [
        { id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/users' },
        { id: '2', method: 'POST', url: '/$batch', body: { requests: [] } },
      ],
    });
    assert.deepEqual(
      res.json.responses.map((r: { status: number }) => r.status),
      [400, 400],
    );
  });
});

describe('Graph emulation on /v1.0', () => {
  test('write limits per app: beyond them 429 with Retry-After, inside $batch too; reads are not counted', async () => {
    const api = await createTestApi('sqlite::memory:', {
      emulation: {
        throttling: { perAppTenant: { writes: 3, windowSeconds: 60 }, perTenant: { writes: 100, windowSeconds: 60 } },
      },
    });
    try {
      const res = await api.call('POST', '/v1.0/$batch', {
        requests: [1, 2, 3, 4].map((n) => create(String(n), `w${n}@limit.edu`)),
      });
      const statuses = res.json.responses.map((r: { status: number }) => r.status);
      assert.deepEqual(statuses, [201, 201, 201, 429]);
      assert.ok(Number(res.json.responses[3].headers['retry-after']) >= 1);
      const direct = await api.call('POST', '/v1.0/users', newUser('w5@limit.edu'));
      assert.equal(direct.status, 429);
      assert.equal(direct.json.error.code, 'TooManyRequests');
      assert.equal((await api.call('GET', '/v1.0/users?$top=1')).status, 200, 'reads pass');
      // Another application has its own per-app budget (the tenant's is shared).
      const other = await issueLocalToken(api.runtime.store, { permissions: ['User.ReadWrite.All'], subject: 'b' });
      const res2 = await api.call('POST', '/v1.0/users', newUser('w6@limit.edu'), { authorization: `Bearer ${other}` });
      assert.equal(res2.status, 201, 'a delegated token is keyed by its oid, not the CLI app id');
    } finally {
      await api.close();
    }
  });

  test('injected faults: 429 and 503 refuse the request, a 504 comes after it ran', async () => {
    // random() is asked twice per faulted request: "fault?" then "which kind?".
    const script = [0, 0.1, 0, 0.5, 0, 0.9, 0.99];
    const api = await createTestApi('sqlite::memory:', {
      emulation: { faultRate: 0.5, faultRetryAfterSeconds: 2, random: () => script.shift() ?? 0.99 },
    });
    try {
      const a = await api.call('POST', '/v1.0/users', newUser('f1@fault.edu'));
      assert.deepEqual([a.status, a.headers['retry-after']], [429, '2']);
      const b = await api.call('POST', '/v1.0/users', newUser('f2@fault.edu'));
      assert.deepEqual([b.status, b.headers['retry-after'], b.json.error.code], [503, '2', 'ServiceUnavailable']);
      const c = await api.call('POST', '/v1.0/users', newUser('f3@fault.edu'));
      assert.deepEqual([c.status, c.json.error.code], [504, 'GatewayTimeout']);
      const service = new DirectoryService(api.runtime.store);
      assert.equal(await service.count(), 1, 'only the 504 request ran');
      assert.equal((await service.get('f3@fault.edu')).userPrincipalName, 'f3@fault.edu');
    } finally {
      await api.close();
    }
  });
});

test('SlidingWindow: never more than the limit in any window', () => {
  const w = new SlidingWindow({ writes: 3, windowSeconds: 1 });
  for (const t of [0, 100, 200]) {
    assert.equal(w.waitMs(t), 0);
    w.record(t);
  }
  assert.equal(w.waitMs(500), 500, 'the write at 0 leaves the window at 1000');
  assert.equal(w.waitMs(1000), 0);
  const throttle = new WriteThrottle({
    perAppTenant: { writes: 2, windowSeconds: 1 },
    perTenant: { writes: 3, windowSeconds: 1 },
  });
  assert.equal(throttle.admit('a', 't', 0), 0);
  assert.equal(throttle.admit('a', 't', 0), 0);
  assert.ok(throttle.admit('a', 't', 0) > 0, 'per app');
  assert.equal(throttle.admit('b', 't', 0), 0);
  assert.ok(throttle.admit('c', 't', 0) > 0, 'per tenant');
});
