import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleSession } from './auth/console-auth.js';
import type { SafeHtml } from './html.js';
import { page, type PageView } from './layout.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The console session of the request; set by the console's guard for every non-public console route. */
    consoleSession?: ConsoleSession | null;
  }
  interface FastifyContextConfig {
    /** Console routes reachable without a session (sign-in, static assets). */
    consolePublic?: boolean;
  }
}

/** The anti-forgery token of the request's session (the guard has checked there is one). */
export function csrfOf(req: FastifyRequest): string {
  const session = req.consoleSession;
  if (!session) throw new Error('console route reached without a session');
  return session.csrfToken;
}

export function sendHtml(reply: FastifyReply, markup: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(markup.value);
}

/** A full page for the request's session. */
export function sendPage(
  req: FastifyRequest,
  reply: FastifyReply,
  view: Omit<PageView, 'csrf'>,
  status = 200,
): FastifyReply {
  return sendHtml(reply, page({ ...view, csrf: req.consoleSession?.csrfToken ?? null }), status);
}

export const isHtmx = (req: FastifyRequest) => req.headers['hx-request'] === 'true';

/** After a successful POST: htmx navigates client-side (HX-Location), a plain form gets a 303. */
export function redirect(req: FastifyRequest, reply: FastifyReply, url: string): FastifyReply {
  if (isHtmx(req)) return reply.code(204).header('HX-Location', url).send();
  return reply.code(303).header('location', url).send();
}

/** The parsed `application/x-www-form-urlencoded` body (empty for other bodies). */
export function formOf(req: FastifyRequest): URLSearchParams {
  return req.body instanceof URLSearchParams ? req.body : new URLSearchParams();
}

export function queryOf(req: FastifyRequest): Record<string, string | undefined> {
  const q = req.query as Record<string, unknown>;
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(q ?? {}))
    out[k] = typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : undefined;
  return out;
}

/** A 1-based page number from the query, within bounds. */
export function pageNumber(value: string | undefined): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
}
