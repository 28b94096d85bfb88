import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { LocalTokenVerifier } from '../../src/auth/local-tokens.js';
import { ConsoleAuth, SESSION_TTL_MS, SIGN_IN_CODE_TTL_MS } from '../../src/console/auth/console-auth.js';
import { createConsoleSignInLink } from '../../src/console/index.js';
import { openRuntime, type Runtime } from '../../src/main.js';
import { ConsoleAuthRepository } from '../../src/store/repositories/console-auth.js';

const PAGES = [
  '/console',
  '/console/flows',
  '/console/sources',
  '/console/inbound',
  '/console/runs',
  '/console/plan',
  '/console/conflicts',
  '/console/accounts',
];

describe('console sign-in, sessions and anti-forgery tokens', () => {
  let runtime: Runtime;
  let app: FastifyInstance;

  before(async () => {
    runtime = await openRuntime('sqlite::memory:');
    app = await buildApp({ runtime, verifier: new LocalTokenVerifier(runtime.store) });
  });
  after(async () => {
    await app.close();
    await runtime.close();
  });

  const pathOf = (link: string) => {
    const url = new URL(link);
    return `${url.pathname}${url.search}`;
  };
  const signIn = async () => {
    const res = await app.inject({ url: pathOf(await createConsoleSignInLink(runtime, 'http://127.0.0.1:8080/')) });
    assert.equal(res.statusCode, 303);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    const page = await app.inject({ url: '/console', headers: { cookie } });
    const csrf = /name="_csrf"\s+value="([^"]+)"/.exec(page.body)![1];
    return { cookie, csrf };
  };

  it('every page needs a session: 401 with how to get a link', async () => {
    for (const url of PAGES) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 401, url);
      assert.match(res.headers['content-type'] as string, /^text\/html/);
      assert.match(res.body, /Sign-in needed/);
      assert.match(res.body, /console\/signin\?code=/);
    }
    const forged = await app.inject({ url: '/console', headers: { cookie: 'rosterlink_console=not-a-session' } });
    assert.equal(forged.statusCode, 401);
  });

  it('an htmx request without a session asks the page to reload (to show the sign-in page)', async () => {
    const res = await app.inject({ url: '/console/runs', headers: { 'hx-request': 'true' } });
    assert.equal(res.statusCode, 401);
    assert.equal(res.headers['hx-refresh'], 'true');
  });

  it('the link prints the base URL once and a code; using it sets a strict HttpOnly cookie and redirects', async () => {
    const link = await createConsoleSignInLink(runtime, 'http://127.0.0.1:8080/');
    assert.match(link, /^http:\/\/127\.0\.0\.1:8080\/console\/signin\?code=[A-Za-z0-9_-]{43}$/);
    const res = await app.inject({ url: pathOf(link) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/console');
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /^rosterlink_console=[A-Za-z0-9_-]{43};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(cookie, /Path=\/console/);
    const page = await app.inject({ url: '/console', headers: { cookie: cookie.split(';')[0] } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Overview<\/h1>/);
  });

  it('a used, unknown, malformed, missing or expired code is refused with 401', async () => {
    const link = pathOf(await createConsoleSignInLink(runtime, 'http://x'));
    assert.equal((await app.inject({ url: link })).statusCode, 303);
    const again = await app.inject({ url: link });
    assert.equal(again.statusCode, 401);
    assert.match(again.body, /does not work/);
    assert.equal(again.headers['set-cookie'], undefined);
    assert.equal((await app.inject({ url: `/console/signin?code=${'A'.repeat(43)}` })).statusCode, 401);
    assert.equal((await app.inject({ url: '/console/signin?code=short' })).statusCode, 401);
    assert.equal((await app.inject({ url: '/console/signin' })).statusCode, 401);
    const past = Date.now() - SIGN_IN_CODE_TTL_MS - 1000;
    const expired = await new ConsoleAuth(new ConsoleAuthRepository(runtime.store.db), () => past).createCode();
    assert.equal((await app.inject({ url: `/console/signin?code=${expired}` })).statusCode, 401);
  });

  it('stores only hashes of codes and session ids', async () => {
    const link = await createConsoleSignInLink(runtime, 'http://x');
    const code = new URL(link).searchParams.get('code')!;
    const res = await app.inject({ url: pathOf(link) });
    const sessionId = String(res.headers['set-cookie']).split(';')[0].split('=')[1];
    const codes = await runtime.store.db.selectFrom('console_signin_codes').selectAll().execute();
    const sessions = await runtime.store.db.selectFrom('console_sessions').selectAll().execute();
    const dump = JSON.stringify([codes, sessions]);
    assert.ok(!dump.includes(code) && !dump.includes(sessionId));
    assert.ok(codes.length > 0 && sessions.length > 0, 'a code and a session were stored');
    assert.ok(codes.every((c) => /^[0-9a-f]{64}$/.test(c.code_hash)));
    assert.ok(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.id_hash)));
  });

  it('an expired session is refused', async () => {
    const past = Date.now() - SESSION_TTL_MS - 1000;
    const auth = new ConsoleAuth(new ConsoleAuthRepository(runtime.store.db), () => past);
    const opened = await auth.redeem(await auth.createCode());
    assert.ok(opened);
    const res = await app.inject({ url: '/console', headers: { cookie: `rosterlink_console=${opened.sessionId}` } });
    assert.equal(res.statusCode, 401);
  });

  it('a POST without the anti-forgery token, or with another one, is refused with 403', async () => {
    const { cookie } = await signIn();
    const other = await signIn();
    const form = { cookie, 'content-type': 'application/x-www-form-urlencoded' };
    for (const payload of ['sourcedId=1&choice=create', `sourcedId=1&choice=create&_csrf=${other.csrf}`]) {
      const res = await app.inject({ method: 'POST', url: '/console/conflicts/resolve', headers: form, payload });
      assert.equal(res.statusCode, 403, payload);
      assert.match(res.body, /anti-forgery token/);
    }
    const header = await app.inject({
      method: 'POST',
      url: '/console/runs',
      headers: { cookie, 'x-csrf-token': other.csrf },
    });
    assert.equal(header.statusCode, 403);
    assert.equal(runtime.runs.running, false, 'no run was started');
  });

  it('the token is accepted as a form field (plain forms) and as the X-CSRF-Token header (htmx)', async () => {
    const { cookie, csrf } = await signIn();
    const plain = await app.inject({
      method: 'POST',
      url: '/console/conflicts/resolve',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `sourcedId=nobody&choice=create&_csrf=${encodeURIComponent(csrf)}`,
    });
    assert.equal(plain.statusCode, 303);
    assert.match(String(plain.headers.location), /^\/console\/conflicts\?error=/);
    const htmx = await app.inject({
      method: 'POST',
      url: '/console/conflicts/resolve',
      headers: {
        cookie,
        'x-csrf-token': csrf,
        'hx-request': 'true',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'sourcedId=nobody&choice=create',
    });
    assert.equal(htmx.statusCode, 204);
    assert.match(String(htmx.headers['hx-location']), /^\/console\/conflicts\?error=/);
  });

  it('signing out ends the session', async () => {
    const { cookie, csrf } = await signIn();
    const res = await app.inject({
      method: 'POST',
      url: '/console/signout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers['set-cookie']), /rosterlink_console=;/);
    assert.equal((await app.inject({ url: '/console', headers: { cookie } })).statusCode, 401);
  });

  it('pages carry a strict content security policy and are not cached; assets are public', async () => {
    const { cookie } = await signIn();
    const res = await app.inject({ url: '/console', headers: { cookie } });
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'; style-src 'self'/);
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.doesNotMatch(res.body, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(res.body, /<style|\sstyle=/, 'no inline style');
    const meta = /<meta name="htmx-config" content="([^"]*)"/.exec(res.body);
    assert.ok(meta, 'htmx-config meta tag');
    const htmxConfig = JSON.parse(
      meta[1]
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    ) as {
      allowEval: boolean;
      includeIndicatorStyles: boolean;
      historyCacheSize: number;
    };
    assert.equal(htmxConfig.allowEval, false);
    assert.equal(htmxConfig.includeIndicatorStyles, false);
    assert.equal(htmxConfig.historyCacheSize, 0);
    const htmx = await app.inject({ url: '/console/assets/htmx.min.js' });
    assert.equal(htmx.statusCode, 200);
    assert.match(htmx.body, /htmx/);
    assert.equal((await app.inject({ url: '/console/assets/console.css' })).statusCode, 200);
    assert.equal((await app.inject({ url: '/console/assets/../../package.json' })).statusCode, 404);
  });

  it('leaves the Graph API as it was: bearer tokens, JSON errors', async () => {
    const res = await app.inject({ url: '/beta/external/industryData/outboundProvisioningFlowSets' });
    assert.equal(res.statusCode, 401);
    assert.match(res.headers['content-type'] as string, /application\/json/);
  });
});
