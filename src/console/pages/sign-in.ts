import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../auth/guard.js';
import type { ConsoleDeps } from '../deps.js';
import { queryOf, sendHtml } from '../http.js';
import { gatePage } from '../views/gate.js';

/** `/console/signin?code=…` (public): a valid one-time code opens a session; `/console/signout` ends it. */
export function registerSignIn(scope: FastifyInstance, deps: ConsoleDeps): void {
  scope.get('/signin', { config: { consolePublic: true } }, async (req, reply) => {
    const code = queryOf(req).code;
    const opened = code ? await deps.auth.redeem(code) : null;
    if (!opened) {
      return sendHtml(
        reply,
        gatePage({
          title: 'This sign-in link does not work',
          message: 'It has been used already, it has expired, or it was copied incompletely.',
          howTo: true,
        }),
        401,
      );
    }
    reply.setCookie(SESSION_COOKIE, opened.sessionId, {
      path: '/console',
      httpOnly: true,
      sameSite: 'strict',
      secure: req.protocol === 'https',
      expires: opened.expiresAt,
    });
    return reply.code(303).header('location', '/console').send();
  });

  scope.post('/signout', async (req, reply) => {
    await deps.auth.signOut(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/console' });
    return reply.code(303).header('location', '/console/signed-out').send();
  });

  scope.get('/signed-out', { config: { consolePublic: true } }, async (_req, reply) =>
    sendHtml(reply, gatePage({ title: 'Signed out', message: 'Your console session has ended.', howTo: true })),
  );
}
