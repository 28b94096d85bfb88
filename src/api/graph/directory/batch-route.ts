import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GraphContext } from '../graph-context.js';
import { directoryGraphErrors as e } from './directory-errors.js';

/** Graph's limit on requests per JSON batch. */
export const MAX_BATCH_REQUESTS = 20;

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
/** Sub-response headers worth passing on: the rest belong to the envelope. */
const PASSED_HEADERS = ['content-type', 'location', 'retry-after'];

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * `POST /v1.0/$batch` (JSON batching): up to 20 requests, each dispatched to this server as a request of its own
 * (so authentication, permissions, throttling and faults apply per request), answered with id/status/headers/body.
 * Unlike Graph, which may run the requests of a batch in any order, rosterlink runs them one after another in the
 * order given; `dependsOn` is honoured (a failed dependency gives 424).
 */
export function registerBatch(ctx: GraphContext): void {
  ctx.registrar('directory').add('/v1.0/$batch', {
    POST: {
      permissions: [], // any valid token; each request is checked for its own permissions
      summary: 'JSON batching: up to 20 /v1.0 requests in one',
      status: 200,
      handler: async (req) => ({ responses: await runBatch(ctx.app, req, readBatch(req.body)) }),
    },
  });
}

function readBatch(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw e.badRequest("The batch body must carry a non-empty 'requests' array.");
  }
  if (requests.length > MAX_BATCH_REQUESTS) {
    throw e.badRequest(`The number of requests in a batch cannot exceed ${MAX_BATCH_REQUESTS}.`);
  }
  const ids = new Set<string>();
  return requests.map((raw: unknown) => {
    const r = raw as Partial<BatchItem> | null;
    if (r === null || typeof r !== 'object' || typeof r.id !== 'string' || r.id === '') {
      throw e.badRequest("Every batch request needs a string 'id'.");
    }
    if (ids.has(r.id)) throw e.badRequest(`Batch request id '${r.id}' is duplicated.`);
    ids.add(r.id);
    if (typeof r.method !== 'string' || !METHODS.has(r.method.toUpperCase())) {
      throw e.badRequest(`Batch request '${r.id}' has an invalid method.`);
    }
    if (typeof r.url !== 'string' || r.url === '') throw e.badRequest(`Batch request '${r.id}' needs a 'url'.`);
    const dependsOn = r.dependsOn ?? [];
    if (!Array.isArray(dependsOn) || dependsOn.some((d) => !ids.has(String(d)) || d === r.id)) {
      throw e.badRequest(`Batch request '${r.id}' depends on a request that does not come before it.`);
    }
    return { ...r, method: r.method.toUpperCase(), dependsOn: dependsOn.map(String) } as BatchItem;
  });
}

async function runBatch(app: FastifyInstance, req: FastifyRequest, items: BatchItem[]): Promise<BatchResponse[]> {
  const done = new Map<string, BatchResponse>();
  for (const item of items) {
    const failedDependency = item.dependsOn?.some((d) => {
      const status = done.get(d)?.status ?? 0;
      return status < 200 || status > 299;
    });
    const response = failedDependency
      ? errorResponse(item.id, 424, 'FailedDependency', 'A request this one depends on failed.')
      : await dispatch(app, req, item);
    done.set(item.id, response);
  }
  return items.map((i) => done.get(i.id)!);
}

async function dispatch(app: FastifyInstance, parent: FastifyRequest, item: BatchItem): Promise<BatchResponse> {
  if (/^[a-z]+:/i.test(item.url)) {
    return errorResponse(item.id, 400, 'BadRequest', 'Batch request URLs must be relative to the version.');
  }
  const path = `/v1.0${item.url.startsWith('/') ? '' : '/'}${item.url}`;
  if (/^\/v1\.0\/\$batch(\?|\/|$)/i.test(path)) {
    return errorResponse(item.id, 400, 'BadRequest', 'A batch cannot contain another batch.');
  }
  const headers: Record<string, string> = { ...lowerKeys(item.headers) };
  if (parent.headers.authorization) headers.authorization = parent.headers.authorization;
  headers['client-request-id'] = parent.clientRequestId;
  const hasBody = item.body !== undefined && item.method !== 'GET';
  if (hasBody && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await app.inject({
    method: item.method as 'GET',
    url: path,
    headers,
    payload: hasBody ? (typeof item.body === 'string' ? item.body : JSON.stringify(item.body)) : undefined,
  });
  const out: BatchResponse = { id: item.id, status: res.statusCode, headers: {} };
  for (const name of PASSED_HEADERS) {
    const value = res.headers[name];
    if (value !== undefined) out.headers[name] = String(value);
  }
  if (res.body) {
    try {
      out.body = JSON.parse(res.body);
    } catch {
      out.body = res.body; // $count answers text
    }
  }
  return out;
}

function errorResponse(id: string, status: number, code: string, message: string): BatchResponse {
  return { id, status, headers: { 'content-type': 'application/json' }, body: { error: { code, message } } };
}

function lowerKeys(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === 'object') {
    for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  }
  return out;
}
