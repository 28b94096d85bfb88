import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { allPermissions } from '../../src/api/permissions.js';
import { issueLocalToken, LocalTokenVerifier } from '../../src/auth/local-tokens.js';
import { FLOWS, FLOW_SETS, RUNS, SOURCE_SYSTEMS } from '../../src/configuration/entity-sets.js';
import { readUserFlowSettings } from '../../src/engine/flow-settings.js';
import { openRuntime, type Runtime } from '../../src/main.js';
import { LinkRepository } from '../../src/store/repositories/links.js';
import { prepareConsoleDistrict, signInByInject, type ConsoleDistrict } from '../support/console-district.js';

describe('console pages over inject', () => {
  let dir: string;
  let runtime: Runtime;
  let app: FastifyInstance;
  let district: ConsoleDistrict;
  let session: { cookie: string; csrf: string };
  let runId: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rosterlink-console-'));
    runtime = await openRuntime('sqlite::memory:');
    district = await prepareConsoleDistrict(runtime, { persons: 120, dir });
    app = await buildApp({ runtime, verifier: new LocalTokenVerifier(runtime.store) });
    session = await signInByInject(app, runtime);
    const started = await runtime.runs.start();
    await started.done;
    runId = started.id;
  });
  after(async () => {
    await app.close();
    await runtime.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ url, headers: { cookie: session.cookie, ...headers } });
  const post = (url: string, form: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...form, _csrf: session.csrf }).toString(),
    });
  const flowUrl = () => `/console/flows/${district.flowSetId}/${district.flowId}`;
  const storedFlow = async () =>
    readUserFlowSettings((await runtime.config.get(FLOWS, district.flowId, district.flowSetId)).data, {});

  it('renders every page', async () => {
    for (const url of [
      '/console',
      '/console/flows',
      flowUrl(),
      `${flowUrl()}/edit`,
      '/console/sources',
      '/console/inbound',
      '/console/runs',
      `/console/runs/${runId}`,
      '/console/plan',
      '/console/conflicts',
      '/console/accounts',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /^<!doctype html>/, url);
    }
  });

  it('escapes data from the store', async () => {
    const set = await runtime.config.create(FLOW_SETS, { displayName: '<script>alert(1)</script>' });
    const res = await get('/console/flows');
    assert.ok(!res.body.includes('<script>alert(1)</script>'));
    assert.ok(res.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    await runtime.config.remove(FLOW_SETS, set.id);
  });

  it('never sends a stored password to the browser', async () => {
    for (const url of [flowUrl(), `${flowUrl()}/edit`]) {
      const res = await get(url);
      assert.ok(!res.body.includes('Welcome-Student-2026!'), url);
    }
    assert.match((await get(flowUrl())).body, /\*{15}/);
  });

  it("shows a flow's Graph JSON exactly as the API's GET returns it (role groups expanded, readiness computed)", async () => {
    const token = await issueLocalToken(runtime.store, { permissions: allPermissions() });
    const api = await app.inject({
      url: `/beta/external/industryData/outboundProvisioningFlowSets/${district.flowSetId}/provisioningFlows/${district.flowId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(api.statusCode, 200);
    const { '@odata.context': _context, ...entity } = api.json<Record<string, unknown>>();
    const page = (await get(flowUrl())).body;
    const shown = /<pre class="json">([\s\S]*?)<\/pre>/.exec(page)?.[1] ?? '';
    const unescaped = shown
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
    assert.deepEqual(JSON.parse(unescaped), entity);
    assert.match(unescaped, /"roleGroup@odata.context": "https:\/\/graph\.microsoft\.com\/beta\/\$metadata#/);
  });

  it('shows a validation error from the configuration service inline (400) and keeps the stored flow', async () => {
    const before = await storedFlow();
    const res = await post(flowUrl(), {
      createUnmatchedUsers: 'on',
      studentAgeGroup: 'teenager',
      'skus.students': 'STANDARDWOFFPACK_STUDENT',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Not saved\./);
    assert.match(res.body, /teenager/);
    assert.match(res.body, /name="skus.students"\s+value="STANDARDWOFFPACK_STUDENT"/);
    assert.deepEqual(await storedFlow(), before);
  });

  it('saves through config.update: a blank password keeps the current one, a new one replaces it', async () => {
    const res = await post(flowUrl(), {
      createUnmatchedUsers: 'on',
      studentAgeGroup: 'adult',
      'skus.staff': 'STANDARDWOFFPACK_FACULTY',
      'password.staff': 'Another-Staff-Pass-1!',
      'skus.students': 'M365EDU_A3_STUDENT',
      'password.students': '',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${flowUrl()}?saved=1`);
    const flow = await storedFlow();
    assert.equal(flow.studentAgeGroup, 'adult');
    assert.deepEqual(flow.creation.get('students')?.licenseSkus, ['M365EDU_A3_STUDENT']);
    assert.equal(runtime.config.revealSecret(flow.creation.get('students')!.sealedPassword!), 'Welcome-Student-2026!');
    assert.equal(runtime.config.revealSecret(flow.creation.get('staff')!.sealedPassword!), 'Another-Staff-Pass-1!');
    assert.match((await get(`${flowUrl()}?saved=1`)).body, /Saved\./);
  });

  it('filters a run’s people by decision as an htmx fragment', async () => {
    const res = await get(`/console/runs/${runId}/results?decision=conflict`, { 'hx-request': 'true' });
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes('<html'));
    assert.match(res.body, /^<section\s+class="card"\s+id="results"/);
    assert.match(res.body, new RegExp(`<code>${district.ambiguous.sourcedId}</code>`));
    assert.equal((res.body.match(/<tr>/g) ?? []).length, 2, 'header row and the one conflict');
  });

  it('polls a run in progress and reloads the page once it has finished', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const now = new Date().toISOString();
    await runtime.config.docs.insert({
      collection: RUNS.collection,
      id,
      parentId: null,
      type: RUNS.type.name,
      data: { id, displayName: 'Run in progress', startDateTime: now, endDateTime: null, status: 'running' },
      createdAt: now,
      modifiedAt: now,
    });
    const page = await get(`/console/runs/${id}`);
    assert.match(page.body, /hx-get="\/console\/runs\/[^"]+\/live"\s+hx-trigger="every 1s"/);
    const live = await get(`/console/runs/${id}/live`, { 'hx-request': 'true' });
    assert.equal(live.headers['hx-refresh'], undefined);
    const done = await get(`/console/runs/${runId}/live`, { 'hx-request': 'true' });
    assert.equal(done.headers['hx-refresh'], 'true');
    await runtime.config.docs.delete(RUNS.collection, id);
  });

  it('shows the run’s chart and decisions, and the inbound findings page', async () => {
    const run = await get(`/console/runs/${runId}`);
    assert.match(run.body, /<svg\s+class="chart"/);
    assert.match(run.body, /<title>staff: 1 conflict<\/title>/);
    const plan = await get('/console/plan');
    assert.match(plan.body, /<svg\s+class="chart"/);
    assert.match(plan.body, /<title>staff: 1 conflict<\/title>/);
    assert.match(plan.body, /<span class="legend-name">conflict<\/span\s*><span class="legend-count">1<\/span>/);
    assert.match(plan.body, /decision=conflict[^>]*>conflict \(1\)</);
    const inbound = await get('/console/inbound');
    const link = /href="(\/console\/inbound\/[^"]+)"/.exec(inbound.body)![1];
    const detail = await get(link);
    assert.equal(detail.statusCode, 200);
    assert.match(detail.body, /Findings by code/);
  });

  it('resolves a conflict only with one of its candidates, and records the resolution', async () => {
    const queue = await get('/console/conflicts');
    assert.match(queue.body, /Ambiguous match: 2 accounts/);
    const candidates = [...queue.body.matchAll(/name="choice"\s+value="account:([^"]+)"/g)].map((m) => m[1]);
    assert.equal(candidates.length, 2);

    const stranger = await post('/console/conflicts/resolve', {
      sourcedId: district.ambiguous.sourcedId,
      choice: 'account:00000000-0000-0000-0000-000000000000',
    });
    assert.match(String(stranger.headers.location), /error=.*not%20a%20candidate/);

    const ok = await post('/console/conflicts/resolve', {
      sourcedId: district.ambiguous.sourcedId,
      choice: `account:${candidates[1]}`,
    });
    assert.equal(ok.statusCode, 303);
    const [system] = await runtime.config.list(SOURCE_SYSTEMS);
    const resolutions = await new LinkRepository(runtime.store.db).resolutions(system.id);
    assert.deepEqual(resolutions.get(district.ambiguous.sourcedId), {
      resolution: 'account',
      accountId: candidates[1],
    });
    assert.match((await get('/console/conflicts')).body, /Resolved: link to/);

    const create = await post('/console/conflicts/resolve', {
      sourcedId: district.ambiguous.sourcedId,
      choice: 'create',
    });
    assert.equal(create.statusCode, 303);
    const updated = await new LinkRepository(runtime.store.db).resolutions(system.id);
    assert.deepEqual(updated.get(district.ambiguous.sourcedId), { resolution: 'create', accountId: null });
    assert.match((await get('/console/conflicts')).body, /Resolved: create a new account/);
  });

  it('searches directory accounts', async () => {
    const res = await get(`/console/accounts?q=${encodeURIComponent(district.ambiguous.candidateUpns[1])}`);
    assert.match(res.body, new RegExp(district.ambiguous.candidateUpns[1].replace(/\./g, '\\.')));
    assert.match(res.body, /1 account matches/);
    const none = await get('/console/accounts?q=%25_nothing');
    assert.match(none.body, /No account matches/);
  });
});
