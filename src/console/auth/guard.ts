import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formOf, isHtmx, sendHtml } from '../http.js';
import { gatePage } from '../views/gate.js';
import { csrfTokenMatches, type ConsoleAuth } from './console-auth.js';

export const SESSION_COOKIE = 'rosterlink_console';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Same-origin only: no inline script or style, no framing, forms post back here. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * Every console route needs a live session (cookie) unless its config says `consolePublic`; every state-changing
 * request also needs the session's anti-forgery token, in the `X-CSRF-Token` header (htmx sends it from
 * `hx-headers`) or the `_csrf` form field (plain form posts).
 */
export function registerGuard(scope: FastifyInstance, auth: ConsoleAuth): void {
  scope.addHook('onRequest', async (req, reply) => {
    reply.headers({
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    if (req.routeOptions.config?.consolePublic) return;
    const session = await auth.session(req.cookies[SESSION_COOKIE]);
    if (!session) return unauthorized(req, reply);
    req.consoleSession = session;
  });
  scope.addHook('preHandler', async (req, reply) => {
    if (SAFE_METHODS.has(req.method) || req.routeOptions.config?.consolePublic) return;
    const header = req.headers['x-csrf-token'];
    const presented = typeof header === 'string' ? header : formOf(req).get('_csrf');
    if (!req.consoleSession || !csrfTokenMatches(req.consoleSession.csrfToken, presented)) {
      return sendHtml(
        reply,
        gatePage({
          title: 'Request refused',
          message:
            'This change did not carry the anti-forgery token of your session. Reload the page and try again; if it keeps happening, sign in again.',
        }),
        403,
      );
    }
  });
}

function unauthorized(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  // An htmx request (e.g. a filter) from a page whose session expired reloads the page to show this message.
  if (isHtmx(req)) reply.header('HX-Refresh', 'true');
  return sendHtml(
    reply,
    gatePage({
      title: 'Sign-in needed',
      message: 'The console opens with a one-time sign-in link, and your browser has no valid session.',
      howTo: true,
    }),
    401,
  );
}
