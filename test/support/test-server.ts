import type { FastifyInstance } from 'fastify';
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
    let json: unknown;
    try {
      json = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: res.headers, body: res.body, json } as Reply;
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
