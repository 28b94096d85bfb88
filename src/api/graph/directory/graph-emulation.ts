import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import type { WriteLimit, WriteLimits } from '../../../directory/graph/write-budget.js';
import { errors, GraphError } from '../../errors/graph-error.js';

/**
 * Makes the /v1.0 surface behave like a busy Microsoft Graph, so clients can be tested against throttling and
 * faults. Everything is off unless asked for (`serve --emulate-throttling --inject-faults 0.2 --inject-latency-ms 50`).
 * It applies to every /v1.0 request, and to every request inside a `$batch` (they are dispatched as requests too).
 */
export interface GraphEmulationOptions {
  /** Write limits (Graph's are `GRAPH_WRITE_LIMITS`): beyond them a write gets 429 with Retry-After. */
  throttling?: WriteLimits;
  /** Share of requests (0–1) that fail: a third each 429, 503 (both refused) and 504 after the request ran. */
  faultRate?: number;
  /** Retry-After of injected faults, in seconds (default 1). */
  faultRetryAfterSeconds?: number;
  /** Delay added to every request. */
  latencyMs?: number;
  /** Random source for faults (tests make it deterministic). */
  random?: () => number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** An injected 504 to send once the request has run (a gateway that lost the answer). */
    lostAnswer?: boolean;
  }
}

/** At most `writes` writes in any `windowSeconds` (sliding window, the strictest reading of Graph's limits). */
export class SlidingWindow {
  private times: number[] = [];
  private head = 0;
  constructor(private readonly limit: WriteLimit) {}

  /** Milliseconds until one more write fits; 0 if it fits now. */
  waitMs(now: number): number {
    const window = this.limit.windowSeconds * 1000;
    while (this.head < this.times.length && this.times[this.head] <= now - window) this.head++;
    if (this.head > 4096) [this.times, this.head] = [this.times.slice(this.head), 0];
    const count = this.times.length - this.head;
    if (count < this.limit.writes) return 0;
    return this.times[this.head + count - this.limit.writes] + window - now;
  }

  record(now: number): void {
    this.times.push(now);
  }
}

/** Counts writes per app+tenant and per tenant, as Graph does. */
export class WriteThrottle {
  private readonly windows = new Map<string, SlidingWindow>();
  constructor(private readonly limits: WriteLimits) {}

  /** Admits a write (recording it) and returns 0, or returns the milliseconds to wait. */
  admit(app: string, tenant: string, now = Date.now()): number {
    const appWindow = this.window(`app:${tenant}:${app}`, this.limits.perAppTenant);
    const tenantWindow = this.window(`tenant:${tenant}`, this.limits.perTenant);
    const wait = Math.max(appWindow.waitMs(now), tenantWindow.waitMs(now));
    if (wait > 0) return wait;
    appWindow.record(now);
    tenantWindow.record(now);
    return 0;
  }

  private window(key: string, limit: WriteLimit): SlidingWindow {
    let w = this.windows.get(key);
    if (!w) this.windows.set(key, (w = new SlidingWindow(limit)));
    return w;
  }
}

const isV1 = (req: FastifyRequest) => /^\/v1\.0\//i.test(req.url);
const isBatch = (req: FastifyRequest) => /^\/v1\.0\/\$batch(\?|$)/i.test(req.url);
const isWrite = (req: FastifyRequest) => !['GET', 'HEAD'].includes(req.method) && !isBatch(req);

/** Who the token is for: the app (`appid` v1, `azp` v2, else `oid`) and its tenant. */
function caller(req: FastifyRequest): { app: string; tenant: string } {
  try {
    const token = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const claims = decodeJwt(token); // already verified by the authentication hook
    const app = claims.appid ?? claims.azp ?? claims.oid ?? claims.sub ?? 'unknown';
    return { app: String(app), tenant: String(claims.tid ?? 'default') };
  } catch {
    return { app: 'unknown', tenant: 'default' };
  }
}

export function registerGraphEmulation(app: FastifyInstance, options: GraphEmulationOptions = {}): void {
  const throttle = options.throttling ? new WriteThrottle(options.throttling) : null;
  const faultRate = options.faultRate ?? 0;
  const latency = options.latencyMs ?? 0;
  if (!throttle && faultRate <= 0 && latency <= 0) return;
  const random = options.random ?? Math.random;
  const retryAfter = String(options.faultRetryAfterSeconds ?? 1);
  app.decorateRequest('lostAnswer', false);

  // After authentication (registered earlier), so only authorised requests are slowed, failed or counted.
  app.addHook('preHandler', async (req) => {
    if (!isV1(req) || req.routeOptions.config.permissions === undefined) return;
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    if (faultRate > 0 && random() < faultRate) {
      const kind = Math.floor(random() * 3);
      if (kind === 0) throw errors.tooManyRequests(Number(retryAfter));
      if (kind === 1)
        throw new GraphError(503, 'ServiceUnavailable', 'Service unavailable (injected fault).', {
          'Retry-After': retryAfter,
        });
      req.lostAnswer = true;
    }
    if (throttle && isWrite(req)) {
      const { app: appId, tenant } = caller(req);
      const wait = throttle.admit(appId, tenant);
      if (wait > 0) {
        req.lostAnswer = false; // refused, so nothing ran
        throw errors.tooManyRequests(Math.max(1, Math.ceil(wait / 1000)));
      }
    }
  });
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload) => {
    if (!req.lostAnswer) return payload;
    req.lostAnswer = false;
    reply.code(504).header('Retry-After', retryAfter).type('application/json');
    const error = new GraphError(
      504,
      'GatewayTimeout',
      'The gateway timed out (injected fault); the request may have run.',
    );
    return JSON.stringify({
      error: { code: error.code, message: error.message, innerError: { 'request-id': req.id } },
    });
  });
}
