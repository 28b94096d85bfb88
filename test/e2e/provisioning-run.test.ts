import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { verifyPassword } from '../../src/directory/embedded/passwords.js';
import { REPO_ROOT, runCli, startCli, type ServedProcess } from '../support/cli.js';
import { ROLE_GROUP_URL, STAFF_SKU, STUDENT_SKU, userFlowBody } from '../support/engine.js';

/**
 * The whole provisioning path over real HTTP, as an SDS client drives it: configure through the Graph API,
 * pre-load accounts through /v1.0/users, upload Microsoft's SDS v2.1 sample through an upload session, start a
 * run, poll it, and read the outcome back through /v1.0/users, /rosterlink/v1/runs/{id}/results and getStatistics.
 *
 * The sample (users.csv): students 114001 jcraig, 114003 fhutch, 114004 asmithee, 114008 smiller (grade ps1);
 * staff 114006 jjonzer (professor) and 114007 kfein (teacher in two orgs); guardians 114002 and 114005 have no
 * role and are out of scope. Every value already has its @domain, so the configured domainName is not appended.
 */
const SAMPLE = path.join(
  process.env.ROSTERLINK_SHARED_DATA ?? path.join(REPO_ROOT, '..', 'shared', 'data'),
  'o365-edu-tools-sds-v2.1',
);
const DOMAIN = 'classrmtest31.org';
const BETA = '/beta/external/industryData';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Graph JSON
type Json = any;

describe('provisioning run over HTTP with the SDS v2.1 sample', { skip: !fs.existsSync(SAMPLE) && 'no sample' }, () => {
  let dir: string;
  let dbFile: string;
  let server: ServedProcess;
  let token: string;

  const call = async (
    method: string,
    url: string,
    body?: unknown,
  ): Promise<{ status: number; json: Json; headers: Headers }> => {
    const res = await fetch(url.startsWith('http') ? url : `${server.url}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  const ok = async (method: string, url: string, body?: unknown, status = method === 'POST' ? 201 : 200) => {
    const res = await call(method, url, body);
    assert.equal(res.status, status, `${method} ${url}: ${JSON.stringify(res.json)}`);
    return res;
  };

  /** Polls a run (its Location) until it leaves `running`, for at most 30 s. */
  const finished = async (location: string): Promise<Json> => {
    for (let i = 0; i < 300; i++) {
      const run = (await ok('GET', location)).json;
      if (run.status !== 'running') return run;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`${location} still running after 30 s`);
  };

  let runId: string;
  let results: Json;
  let users: Map<string, Json>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-e2e-run-'));
    dbFile = path.join(dir, 'rosterlink.db');
    const db = `sqlite:${dbFile}`;
    for (const [part, id] of [
      ['STAFF_A3', STAFF_SKU],
      ['STUDENT_A1', STUDENT_SKU],
    ]) {
      const added = await runCli(['directory', 'sku', 'add', part, '--seats', '10', '--sku-id', id, '--db', db]);
      assert.equal(added.code, 0, added.stderr);
    }
    server = await startCli(['serve', '--port', '0', '--db', db, '--schedule-hours', '0', '--log-level', 'warn']);
    const issued = await runCli(['token', '--db', db]);
    assert.equal(issued.code, 0, issued.stderr);
    token = issued.stdout.trim();

    // Configuration: the source system's matching rules, a year, a CSV connector and its inbound flow.
    const sourceSystem = await ok('POST', `${BETA}/sourceSystems`, {
      displayName: 'SDS sample SIS',
      userMatchingSettings: [
        {
          'roleGroup@odata.bind': `${ROLE_GROUP_URL}/staff`,
          sourceIdentifier: { code: 'username' },
          matchTarget: { code: 'userPrincipalName' },
          domainName: DOMAIN,
          priorityOrder: 0,
        },
        {
          'roleGroup@odata.bind': `${ROLE_GROUP_URL}/students`,
          sourceIdentifier: { code: 'activeDirectoryMatchId' },
          matchTarget: { code: 'mail' },
          domainName: DOMAIN,
          priorityOrder: 1,
        },
      ],
    });
    const year = await ok('POST', `${BETA}/years`, {
      displayName: '2021-2022',
      startDate: '2021-08-01',
      endDate: '2022-07-31',
      year: { code: '2022' },
    });
    const connector = await ok('POST', `${BETA}/dataConnectors`, {
      '@odata.type': '#microsoft.graph.industryData.azureDataLakeConnector',
      displayName: 'SDS CSV',
      fileFormat: { code: 'schoolDataSyncV2Rev1' },
      'sourceSystem@odata.bind': `https://graph.microsoft.com/beta/external/industryData/sourceSystems/${sourceSystem.json.id}`,
    });
    await ok('POST', `${BETA}/inboundFlows`, {
      '@odata.type': '#microsoft.graph.industryData.inboundFileFlow',
      displayName: 'Sample roster',
      dataDomain: 'educationRostering',
      effectiveDateTime: '2021-08-01T00:00:00Z',
      'dataConnector@odata.bind': `https://graph.microsoft.com/beta/external/industryData/dataConnectors/${connector.json.id}`,
      'year@odata.bind': `https://graph.microsoft.com/beta/external/industryData/years/${year.json.id}`,
    });
    const set = await ok('POST', `${BETA}/outboundProvisioningFlowSets`, { displayName: 'Sample schools' });
    const flow = await ok(
      'POST',
      `${BETA}/outboundProvisioningFlowSets/${set.json.id}/provisioningFlows`,
      userFlowBody(),
    );
    const got = await ok(
      'GET',
      `${BETA}/outboundProvisioningFlowSets/${set.json.id}/provisioningFlows/${flow.json.id}`,
    );
    assert.equal(got.json.readinessStatus, 'ready');

    // Accounts that exist before the first run.
    const preload = async (upn: string, mail: string | null) =>
      ok('POST', '/v1.0/users', {
        accountEnabled: true,
        displayName: `Existing ${upn}`,
        mailNickname: upn.split('@')[0].replace(/\W/g, ''),
        userPrincipalName: upn,
        ...(mail ? { mail } : {}),
        passwordProfile: { password: 'Existing-Pass-1', forceChangePasswordNextSignIn: false },
      });
    await preload('jack.craig@classrmtest31.org', `jcraig@${DOMAIN}`); // student 114001, by mail
    await preload(`KFein@${DOMAIN}`, null); // teacher 114007, by UPN in another case
    await preload('simon.one@classrmtest31.org', `smiller@${DOMAIN}`); // two accounts share student 114008's mail
    await preload('simon.two@classrmtest31.org', `SMiller@${DOMAIN}`);

    // Upload the sample through an upload session, as SDS clients do.
    const session = await ok(
      'GET',
      `${BETA}/dataConnectors/${connector.json.id}/microsoft.graph.industryData.azureDataLakeConnector/GetUploadSession`,
    );
    const sessionUrl = new URL(session.json.sessionUrl);
    for (const file of fs.readdirSync(SAMPLE).filter((f) => f.endsWith('.csv'))) {
      const target = new URL(sessionUrl);
      target.pathname = `${sessionUrl.pathname}/${file}`;
      const put = await fetch(target, { method: 'PUT', body: fs.readFileSync(path.join(SAMPLE, file)) });
      assert.equal(put.status, 201, `PUT ${file}: ${await put.text()}`);
    }

    // Start a run and poll it.
    const started = await call('POST', `${BETA}/runs/start`);
    assert.equal(started.status, 202, JSON.stringify(started.json));
    const location = started.headers.get('location')!;
    runId = location.slice(location.lastIndexOf('/') + 1);
    await finished(location);
    results = (await ok('GET', `/rosterlink/v1/runs/${runId}/results`)).json;
    const listed = (
      await ok(
        'GET',
        '/v1.0/users?$select=id,userPrincipalName,mail,displayName,ageGroup,usageLocation,assignedLicenses,relatedContacts,mailNickname,accountEnabled,extension_fe2174665583431c953114ff7268b7b3_Education_AnchorId,extension_fe2174665583431c953114ff7268b7b3_Education_Grade',
      )
    ).json;
    users = new Map(listed.value.map((u: Json) => [u.id, u]));
  });
  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const row = (sourcedId: string) => results.value.find((r: Json) => r.sourcedId === sourcedId);
  const account = (sourcedId: string) => users.get(row(sourcedId).accountId);
  const ANCHOR = 'extension_fe2174665583431c953114ff7268b7b3_Education_AnchorId';
  const GRADE = 'extension_fe2174665583431c953114ff7268b7b3_Education_Grade';

  test('the run ends completedWithErrors (one conflict) with one row per person in scope', async () => {
    const run = (await ok('GET', `${BETA}/runs/${runId}`)).json;
    assert.equal(run.status, 'completedWithErrors');
    assert.equal(typeof run.endDateTime, 'string');
    assert.deepEqual(results.decisions, { create: 3, link: 2, update: 0, noop: 0, conflict: 1, skip: 0 });
    assert.deepEqual(results.value.map((r: Json) => r.sourcedId).sort(), [
      '114001',
      '114003',
      '114004',
      '114006',
      '114007',
      '114008',
    ]);
    const activities = (await ok('GET', `${BETA}/runs/${runId}/activities`)).json.value;
    assert.deepEqual(
      activities.map((a: Json) => [a['@odata.type'], a.status]),
      [
        ['#microsoft.graph.industryData.inboundFlowActivity', 'completed'],
        ['#microsoft.graph.industryData.outboundFlowActivity', 'completedWithErrors'],
      ],
    );
  });

  test('matched accounts are linked, keep their UPN and get the managed attributes', () => {
    const kid = row('114001');
    assert.equal(kid.decision, 'link');
    assert.match(kid.reason, /Matched by mail/);
    const jack = account('114001');
    assert.equal(jack.userPrincipalName, 'jack.craig@classrmtest31.org');
    assert.equal(jack[ANCHOR], 'User_114001');
    assert.equal(jack.ageGroup, 'minor');
    assert.equal(jack[GRADE], '10');
    assert.deepEqual(jack.assignedLicenses, []);
    assert.deepEqual(jack.relatedContacts, [
      {
        displayName: 'Jean Craig',
        emailAddress: 'jean.craig@outlook.com',
        mobilePhone: '+11234567890',
        relationship: 'guardian',
        accessConsent: null,
      },
    ]);
    const teacher = row('114007');
    assert.equal(teacher.decision, 'link');
    assert.equal(teacher.roleGroup, 'staff');
    assert.equal(account('114007').userPrincipalName, 'KFein@classrmtest31.org');
    assert.equal(account('114007')[ANCHOR], 'User_114007');
    assert.equal(account('114007').ageGroup, null);
  });

  test('unmatched people are created from the rule, with licences, names and student attributes', async () => {
    for (const [id, upn, contacts] of [
      ['114003', 'fhutch@classrmtest31.org', [['Jean Craig', 'relative']]],
      ['114004', 'asmithee@classrmtest31.org', [['Bob Smithee', 'guardian']]],
    ] as const) {
      const r = row(id);
      assert.equal(r.decision, 'create');
      assert.equal(r.outcome, 'applied');
      assert.equal(r.plannedUpn, upn);
      const u = account(id);
      assert.equal(u.userPrincipalName, upn);
      assert.equal(u.mail, upn, 'the mail rule writes the matched value, so the next run matches again');
      assert.equal(u.mailNickname, upn.split('@')[0]);
      assert.equal(u.usageLocation, 'US');
      assert.equal(u.accountEnabled, true);
      assert.equal(u.ageGroup, 'minor');
      assert.equal(u[GRADE], '10');
      assert.equal(u[ANCHOR], `User_${id}`);
      assert.deepEqual(u.assignedLicenses, [{ disabledPlans: [], skuId: STUDENT_SKU }]);
      assert.deepEqual(
        u.relatedContacts.map((c: Json) => [c.displayName, c.relationship]),
        contacts,
      );
    }
    const prof = row('114006');
    assert.equal(prof.decision, 'create');
    assert.equal(prof.role, 'professor');
    assert.equal(account('114006').userPrincipalName, 'jjonzer@classrmtest31.org');
    assert.equal(account('114006').displayName, 'Jason Jonzer');
    assert.deepEqual(account('114006').assignedLicenses, [{ disabledPlans: [], skuId: STAFF_SKU }]);
    assert.equal(account('114006').ageGroup, null);
    // The sample's per-row password (P@ssword123) is used, and must be changed at first sign-in.
    const db = new Database(dbFile, { readonly: true });
    try {
      const stored = db
        .prepare('select password_hash, force_change_password from directory_users where upn_lower = ?')
        .get('jjonzer@classrmtest31.org') as { password_hash: string; force_change_password: number };
      assert.equal(stored.force_change_password, 1);
      assert.equal(await verifyPassword('P@ssword123', stored.password_hash), true);
    } finally {
      db.close();
    }
  });

  test('two accounts with the student’s mail: a conflict, nothing created', () => {
    const r = row('114008');
    assert.equal(r.decision, 'conflict');
    assert.equal(r.outcome, 'notApplied');
    assert.match(r.reason, /Ambiguous match: 2 accounts have mail 'smiller@classrmtest31.org'/);
    assert.equal(r.accountId, null);
    assert.equal(r.candidateIds.length, 2);
    assert.equal(users.size, 4 + 3);
    assert.ok([...users.values()].every((u) => !u.userPrincipalName.startsWith('smiller')));
  });

  test('getStatistics agrees with the results', async () => {
    const stats = (await ok('GET', `${BETA}/runs/${runId}/getStatistics`)).json;
    assert.equal(stats['@odata.type'], '#microsoft.graph.industryData.industryDataRunStatistics');
    assert.equal(stats.runId, runId);
    assert.equal(stats.status, 'completedWithErrors');
    const t = stats.inboundTotals;
    assert.equal(t.people, 8);
    assert.equal(t.organizations, 4);
    assert.equal(t.errors, 0);
    const sorted = (l: Json[]) => [...l].sort((a, b) => a.role.localeCompare(b.role));
    assert.deepEqual(sorted(t.matchedPeopleByRole), [
      { count: 1, role: 'student' },
      { count: 1, role: 'teacher' },
    ]);
    assert.deepEqual(sorted(t.unmatchedPeopleByRole), [
      { count: 1, role: 'professor' },
      { count: 3, role: 'student' },
    ]);
    const inbound = stats.activityStatistics[0];
    assert.equal(inbound['@odata.type'], '#microsoft.graph.industryData.inboundActivityResults');
    assert.deepEqual(inbound.people, { active: 8, inactive: 0, total: 8 });
    assert.deepEqual(sorted(inbound.matchedPeopleByRole), sorted(t.matchedPeopleByRole));
    const matched = results.value.filter((r: Json) => ['link', 'update', 'noop'].includes(r.decision)).length;
    assert.equal(
      t.matchedPeopleByRole.reduce((n: number, c: Json) => n + c.count, 0),
      matched,
    );
  });

  test('results come as CSV too, and a second run changes nothing', async () => {
    const csv = await fetch(`${server.url}/rosterlink/v1/runs/${runId}/results?format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal((await csv.text()).trim().split('\n').length, 1 + 6);
    const started = await call('POST', `${BETA}/runs/start`);
    assert.equal(started.status, 202);
    const run = await finished(started.headers.get('location')!);
    const second = (await ok('GET', `/rosterlink/v1/runs/${run.id}/results`)).json;
    assert.deepEqual(second.decisions, { create: 0, link: 0, update: 0, noop: 5, conflict: 1, skip: 0 });
    const plan = (await ok('GET', '/rosterlink/v1/plans')).json;
    assert.deepEqual(plan.decisions, second.decisions);
  });
});
