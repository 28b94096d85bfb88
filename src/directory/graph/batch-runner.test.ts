import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DirectoryError } from '../errors.js';
import { BatchRunner, type BatchTransport } from './batch-runner.js';
import type { GraphAnswer } from './graph-errors.js';
import { WriteBudget } from './write-budget.js';

type Sub = Parameters<BatchTransport>[0][number];

/** A transport whose answer per sub-request is scripted by `decide(request, attempt)`. */
function scripted(decide: (r: Sub, attempt: number) => Partial<GraphAnswer> | 'envelope-504' | 'envelope-429') {
  const attempts = new Map<string, number>();
  const envelopes: Sub[][] = [];
  const transport: BatchTransport = async (requests): Promise<GraphAnswer> => {
    envelopes.push(requests);
    const answers = requests.map((r) => {
      const n = (attempts.get(r.url) ?? 0) + 1;
      attempts.set(r.url, n);
      return { r, a: decide(r, n) };
    });
    if (answers.some((x) => x.a === 'envelope-504')) return { status: 504, headers: {}, body: null };
    if (answers.some((x) => x.a === 'envelope-429'))
      return { status: 429, headers: { 'retry-after': '0' }, body: null };
    return {
      status: 200,
      headers: {},
      body: {
        responses: answers.map(({ r, a }) => ({ id: r.id, status: 200, headers: {}, body: null, ...(a as object) })),
      },
    };
  };
  return { transport, attempts, envelopes };
}

const runner = (transport: BatchTransport, maxAttempts = 5) =>
  new BatchRunner({ transport, budget: new WriteBudget(), maxAttempts, backoffMs: 1, batchSize: 3 });

test('results come back in input order, in envelopes of the batch size', async () => {
  const { transport, envelopes } = scripted((r) => ({ body: r.url }));
  const results = await runner(transport).run(
    Array.from({ length: 7 }, (_, i) => ({ method: 'GET' as const, url: `/u${i}` })),
  );
  assert.deepEqual(
    results.map((r) => r.body),
    ['/u0', '/u1', '/u2', '/u3', '/u4', '/u5', '/u6'],
  );
  assert.ok(envelopes.every((e) => e.length <= 3));
});

test('a 429 or 503 sub-response re-queues just that request, after its Retry-After', async () => {
  const { transport, attempts } = scripted((r, n) =>
    r.url === '/b' && n === 1
      ? { status: 429, headers: { 'retry-after': '0' } }
      : r.url === '/c' && n < 3
        ? { status: 503 }
        : { status: 201 },
  );
  const results = await runner(transport).run(['/a', '/b', '/c'].map((url) => ({ method: 'POST' as const, url })));
  assert.deepEqual(
    results.map((r) => [r.status, r.attempts, r.ambiguous]),
    [
      [201, 1, false],
      [201, 2, false], // a 429 is refused before it runs
      [201, 3, true], // a 503 may have run
    ],
  );
  assert.deepEqual([...attempts.values()], [1, 2, 3]);
});

test('a whole-envelope 504 retries all its requests and marks the writes ambiguous; a 429 does not', async () => {
  const { transport } = scripted((r, n) => (n === 1 ? (r.url === '/w' ? 'envelope-504' : 'envelope-429') : {}));
  const [w] = await runner(transport).run([{ method: 'POST', url: '/w' }]);
  assert.deepEqual([w.status, w.ambiguous], [200, true]);
  const [g] = await runner(scripted((_r, n) => (n === 1 ? 'envelope-429' : {})).transport).run([
    { method: 'POST', url: '/g' },
  ]);
  assert.deepEqual([g.status, g.ambiguous], [200, false]);
});

test('after maxAttempts the last answer is final', async () => {
  const { transport } = scripted(() => ({ status: 429, headers: { 'retry-after': '0' } }));
  const [r] = await runner(transport, 3).run([{ method: 'PATCH', url: '/x' }]);
  assert.deepEqual([r.status, r.attempts], [429, 3]);
});

test('a network failure is retried and counts as ambiguous for writes', async () => {
  let calls = 0;
  const transport: BatchTransport = async (requests) => {
    if (++calls === 1) throw new Error('ECONNRESET');
    return { status: 200, headers: {}, body: { responses: requests.map((r) => ({ id: r.id, status: 204 })) } };
  };
  const [r] = await runner(transport).run([{ method: 'PATCH', url: '/x' }]);
  assert.deepEqual([r.status, r.ambiguous], [204, true]);
});

test('401/403 for the envelope fails the whole call with InvalidConfig', async () => {
  const transport: BatchTransport = async () => ({
    status: 403,
    headers: {},
    body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } },
  });
  await assert.rejects(
    runner(transport).run([{ method: 'GET', url: '/x' }]),
    (err: unknown) => err instanceof DirectoryError && err.code === 'InvalidConfig',
  );
});
