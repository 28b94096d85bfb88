import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { Responder } from '../api/graph/responder.js';
import { DomainError } from '../lib/errors.js';
import type { Runtime } from '../main.js';
import { registerAssets } from './assets.js';
import { registerGuard } from './auth/guard.js';
import { consoleDeps } from './deps.js';
import { sendPage } from './http.js';
import { html } from './html.js';
import { registerAccounts } from './pages/accounts.js';
import { registerConflicts } from './pages/conflicts.js';
import { registerFlowEdit } from './pages/flow-edit.js';
import { registerFlows } from './pages/flows.js';
import { registerInbound } from './pages/inbound.js';
import { registerOverview } from './pages/overview.js';
import { registerPlan } from './pages/plan.js';
import { registerRuns } from './pages/runs.js';
import { registerSignIn } from './pages/sign-in.js';
import { registerSources } from './pages/sources.js';
import { flash } from './views/components.js';

export { createConsoleSignInLink } from './auth/sign-in-link.js';

/**
 * The web console under `/console`: server-rendered pages with htmx, in their own encapsulated scope (own cookie
 * parsing, form bodies, session guard and HTML error pages), so nothing here changes the Graph API's behaviour.
 * `respond` is the API's own response builder, so the console shows entities exactly as the API returns them.
 */
export async function registerConsole(app: FastifyInstance, runtime: Runtime, respond: Responder): Promise<void> {
  await app.register(
    async (scope) => {
      const deps = consoleDeps(runtime, respond);
      await scope.register(cookie);
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 1024 * 1024 },
        (_req, body, done) => done(null, new URLSearchParams(body as string)),
      );
      registerGuard(scope, deps.auth);
      scope.setErrorHandler(async (err, req, reply) => {
        const notFound = err instanceof DomainError && err.kind === 'notFound';
        if (!notFound) req.log.error({ err }, 'console request failed');
        return sendPage(
          req,
          reply,
          {
            title: notFound ? 'Not found' : 'Something went wrong',
            section: null,
            body: flash('error', notFound ? err.message : 'The request failed; the server log has the details.'),
          },
          notFound ? 404 : 500,
        );
      });
      scope.setNotFoundHandler(async (req, reply) =>
        sendPage(req, reply, { title: 'Not found', section: null, body: html`<p>No console page here.</p>` }, 404),
      );
      registerAssets(scope);
      registerSignIn(scope, deps);
      registerOverview(scope, deps);
      registerFlows(scope, deps);
      registerFlowEdit(scope, deps);
      registerSources(scope, deps);
      registerInbound(scope, deps);
      registerRuns(scope, deps);
      registerPlan(scope, deps);
      registerConflicts(scope, deps);
      registerAccounts(scope, deps);
    },
    { prefix: '/console' },
  );
}
