import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../src/api/app.js';
import { allPermissions } from '../../src/api/permissions.js';
import { issueLocalToken } from '../../src/auth/local-tokens.js';
import { LocalTokenVerifier } from '../../src/auth/local-tokens.js';
import { openRuntime, type Runtime } from '../../src/main.js';

export interface TestApi {
  app: FastifyInstance;
  runtime: Runtime;
  /** Token with every permission. */
  token: string;
  tokenFor(permissions: string[], app?: boolean): Promise<string>;
  /** inject() with the bearer token and JSON body. */
  call(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary Graph JSON
}

export async function createTestApi(dbUrl = 'sqlite::memory:', opts: Partial<AppOptions> = {}): Promise<TestApi> {
  const runtime = await openRuntime(dbUrl);
  const app = await buildApp({
    runtime,
    verifier: new LocalTokenVerifier(runtime.store),
    ...opts,
  });
  const token = await issueLocalToken(runtime.store, { permissions: allPermissions() });
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return replyOf(res);
  };
  return {
    app,
    runtime,
    token,
    tokenFor: (permissions, asApp) => issueLocalToken(runtime.store, { permissions, app: asApp }),
    call,
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}

/** An inject() response as a Reply (`json` undefined when the body is empty or not JSON). */
export function replyOf(res: LightMyRequestResponse): Reply {
  let json: unknown;
  try {
    json = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, body: res.body, json } as Reply;
}

/** A Graph error body: the status, JSON, exactly `error` with code, message and innerError echoing the request ids. */
export function assertGraphError(r: Reply, status: number, code?: string): void {
  assert.equal(r.status, status, r.body);
  assert.match(String(r.headers['content-type']), /application\/json/);
  assert.deepEqual(Object.keys(r.json), ['error']);
  assert.deepEqual(Object.keys(r.json.error), ['code', 'message', 'innerError']);
  if (code) assert.equal(r.json.error.code, code);
  assert.equal(typeof r.json.error.code, 'string');
  assert.ok(r.json.error.message.length > 10, r.json.error.message);
  assert.deepEqual(Object.keys(r.json.error.innerError), ['date', 'request-id', 'client-request-id']);
  assert.equal(r.json.error.innerError['request-id'], r.headers['request-id']);
  assert.equal(r.json.error.innerError['client-request-id'], r.headers['client-request-id']);
}
