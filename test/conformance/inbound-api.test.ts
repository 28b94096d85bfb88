/**
 * The inbound side of the Graph API over app.inject (spec industrydata-api.md §6): years, source systems, data
 * connectors (secrets write-only and sealed), inbound flows (§6.2 example), GetUploadSession → signed PUT →
 * validate → fileValidateOperation, and the Graph error bodies of every failure on the way.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { SecretBox } from '../../src/lib/secrets.js';
import { sharedData } from '../inbound/support/shared-data.js';
import { buildZip } from '../inbound/support/zip-writer.js';
import { assertGraphError, createTestApi, replyOf, type TestApi } from '../support/test-server.js';

const ROOT = '/beta/external/industryData';
const GRAPH = 'https://graph.microsoft.com/beta/external/industryData';
const SAMPLE = sharedData('o365-edu-tools-sds-v2.1');
const CLIENT_SECRET = 'oneroster-client-secret-5d1f9c';

/** Every file of the Microsoft SDS v2.1 sample, by name. */
const sampleFiles = (): Map<string, Buffer> =>
  new Map(
    readdirSync(SAMPLE)
      .filter((f) => f.endsWith('.csv'))
      .map((f) => [f, readFileSync(`${SAMPLE}/${f}`)]),
  );

describe('inbound API: years, connectors, inbound flows, upload and validate', () => {
  let api: TestApi;
  let yearId: string;
  let sourceSystemId: string;
  let fileConnectorId: string;
  let apiConnectorId: string;
  let flowId: string;

  before(async () => {
    api = await createTestApi();
  });
  after(() => api.close());

  /** PUT raw bytes to a signed upload URL (no bearer token: the signature is the authorisation). */
  const put = async (sessionUrl: string, file: string, body: Buffer | string, sig?: string) => {
    const url = new URL(sessionUrl);
    if (sig !== undefined) url.searchParams.set('sig', sig);
    const res = await api.app.inject({
      method: 'PUT',
      url: `${url.pathname}/${file}${url.search}`,
      payload: body,
      headers: { 'content-type': 'text/csv', 'x-ms-blob-type': 'BlockBlob' },
    });
    return replyOf(res);
  };
  const session = async (connectorId = fileConnectorId, query = '') => {
    const r = await api.call('GET', `${ROOT}/dataConnectors/${connectorId}/GetUploadSession${query}`);
    assert.equal(r.status, 200, r.body);
    return r.json.sessionUrl as string;
  };
  const uploadSample = async (files = sampleFiles()) => {
    const url = await session();
    for (const [name, data] of files) assert.equal((await put(url, name, data)).status, 201, name);
    return url;
  };
  /** POST validate, then poll the operation from Location until it leaves `running`. */
  const validate = async (path = `${ROOT}/dataConnectors/${fileConnectorId}/validate`) => {
    const r = await api.call('POST', path);
    assert.equal(r.status, 202, r.body);
    assert.equal(r.body, '');
    const location = new URL(String(r.headers.location));
    assert.match(location.pathname, /^\/beta\/external\/industryData\/operations\/[0-9a-f-]{36}$/);
    for (let i = 0; i < 200; i++) {
      const op = await api.call('GET', location.pathname);
      assert.equal(op.status, 200, op.body);
      if (op.json.status !== 'running') return op.json;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the validation did not finish');
  };

  it('creates a year from a docs-like body', async () => {
    const r = await api.call('POST', `${ROOT}/years`, {
      displayName: '2025-2026',
      startDate: '2025-08-01',
      endDate: '2026-07-31',
      year: { code: '2026' },
    });
    assert.equal(r.status, 201, r.body);
    assert.equal(
      r.json['@odata.context'],
      'https://graph.microsoft.com/beta/$metadata#external/industryData/years/$entity',
    );
    assert.deepEqual(
      { ...r.json, '@odata.context': undefined, id: undefined },
      {
        '@odata.context': undefined,
        id: undefined,
        displayName: '2025-2026',
        startDate: '2025-08-01',
        endDate: '2026-07-31',
        year: { code: '2026' },
      },
    );
    yearId = r.json.id;
    assert.match(String(r.headers.location), new RegExp(`/beta/external/industryData/years/${yearId}$`));
    assertGraphError(
      await api.call('POST', `${ROOT}/years`, {
        displayName: 'x',
        startDate: '2025-13-01',
        endDate: '2026-07-31',
        year: { code: '2026' },
      }),
      400,
    );
    assertGraphError(
      await api.call('POST', `${ROOT}/years`, {
        displayName: 'x',
        startDate: '2025-08-01',
        endDate: '2026-07-31',
        year: { code: 'nope' },
      }),
      400,
    );
    assert.equal(
      (await api.call('PATCH', `${ROOT}/years/${yearId}`, { displayName: 'School year 2025-2026' })).status,
      204,
    );
    assert.equal((await api.call('GET', `${ROOT}/years('${yearId}')`)).json.displayName, 'School year 2025-2026');
    assert.deepEqual(
      (await api.call('GET', `${ROOT}/years`)).json.value.map((y: { id: string }) => y.id),
      [yearId],
    );
    assertGraphError(
      await api.call('GET', `${ROOT}/years/00000000-0000-0000-0000-000000000000`),
      404,
      'ResourceNotFound',
    );
    assertGraphError(await api.call('POST', `${ROOT}/years/${yearId}`, {}), 405, 'MethodNotAllowed');
  });

  it('creates a source system and an azureDataLakeConnector bound to it', async () => {
    const ss = await api.call('POST', `${ROOT}/sourceSystems`, { displayName: 'Contoso SIS' });
    assert.equal(ss.status, 201, ss.body);
    sourceSystemId = ss.json.id;
    const r = await api.call('POST', `${ROOT}/dataConnectors`, {
      '@odata.type': '#microsoft.graph.industryData.azureDataLakeConnector',
      displayName: 'CSV connector',
      'sourceSystem@odata.bind': `${GRAPH}/sourceSystems/${sourceSystemId}`,
    });
    assert.equal(r.status, 201, r.body);
    assert.equal(r.json['@odata.type'], '#microsoft.graph.industryData.azureDataLakeConnector');
    assert.equal(r.json.displayName, 'CSV connector');
    fileConnectorId = r.json.id;
    const bad = [
      { displayName: 'no type' },
      { '@odata.type': '#microsoft.graph.industryData.fileDataConnector', displayName: 'abstract' },
      { '@odata.type': '#microsoft.graph.industryData.nope', displayName: 'unknown' },
      {
        '@odata.type': '#microsoft.graph.industryData.azureDataLakeConnector',
        displayName: 'bad bind',
        'sourceSystem@odata.bind': `${GRAPH}/sourceSystems/00000000-0000-0000-0000-000000000000`,
      },
    ];
    for (const body of bad) assertGraphError(await api.call('POST', `${ROOT}/dataConnectors`, body), 400);
  });

  it('creates a oneRosterApiDataConnector whose clientSecret is stored sealed and never returned', async () => {
    const body = {
      '@odata.type': '#microsoft.graph.industryData.oneRosterApiDataConnector',
      displayName: 'OneRoster API',
      apiVersion: '1.1',
      baseUrl: 'https://sis.contoso.edu/ims/oneroster/v1p1',
      isContactsEnabled: true,
      isDemographicsEnabled: false,
      isFlagsEnabled: false,
      credential: {
        '@odata.type': '#microsoft.graph.industryData.oAuth2ClientCredential',
        displayName: 'SIS client',
        clientId: 'rosterlink',
        clientSecret: CLIENT_SECRET,
        tokenUrl: 'https://sis.contoso.edu/oauth/token',
        scope: 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly',
      },
      'sourceSystem@odata.bind': `external/industryData/sourceSystems/${sourceSystemId}`,
    };
    const created = await api.call('POST', `${ROOT}/dataConnectors`, body);
    assert.equal(created.status, 201, created.body);
    apiConnectorId = created.json.id;
    assert.equal(created.json.apiFormat, 'oneRoster');
    assert.deepEqual(created.json.credential, {
      '@odata.type': '#microsoft.graph.industryData.oAuth2ClientCredential',
      displayName: 'SIS client',
      isValid: null,
      lastValidDateTime: null,
      clientId: 'rosterlink',
      scope: 'https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly',
      tokenUrl: 'https://sis.contoso.edu/oauth/token',
    });
    const patched = await api.call('PATCH', `${ROOT}/dataConnectors/${apiConnectorId}`, {
      credential: { ...body.credential, clientSecret: `${CLIENT_SECRET}-rotated` },
    });
    assert.equal(patched.status, 204, patched.body);
    const responses = [
      created,
      patched,
      await api.call('GET', `${ROOT}/dataConnectors/${apiConnectorId}`),
      await api.call('GET', `${ROOT}/dataConnectors`),
      await api.call('GET', `${ROOT}/dataConnectors?$select=credential`),
    ];
    for (const r of responses) {
      assert.ok(!r.body.includes(CLIENT_SECRET), `the secret leaked: ${r.body}`);
      assert.ok(!r.body.includes('clientSecret'), 'clientSecret is write-only');
    }
    const stored = await api.runtime.config.docs.get<{ credential: { clientSecret: string } }>(
      'dataConnectors',
      apiConnectorId,
    );
    const sealed = stored!.data.credential.clientSecret;
    assert.ok(SecretBox.isSealed(sealed), 'stored encrypted');
    assert.ok(!JSON.stringify(stored).includes(CLIENT_SECRET));
    assert.equal(api.runtime.config.revealSecret(sealed), `${CLIENT_SECRET}-rotated`);
  });

  it('creates an inbound file flow from the §6.2 example: 201, ready, UTC timestamps', async () => {
    const r = await api.call('POST', `${ROOT}/inboundFlows`, {
      '@odata.type': '#microsoft.graph.industryData.inboundFileFlow',
      'dataConnector@odata.bind': `${GRAPH}/dataConnectors/${fileConnectorId}`,
      dataDomain: 'educationRostering',
      displayName: 'Inbound rostering flow',
      effectiveDateTime: '2023-03-12T16:40:46.924769+05:30',
      expirationDateTime: '2023-03-13T16:40:46.924769+05:30',
      'year@odata.bind': `${GRAPH}/years/${yearId}`,
    });
    assert.equal(r.status, 201, r.body);
    flowId = r.json.id;
    assert.equal(
      r.json['@odata.context'],
      'https://graph.microsoft.com/beta/$metadata#external/industryData/inboundFlows/$entity',
    );
    assert.equal(r.json['@odata.type'], '#microsoft.graph.industryData.inboundFileFlow');
    assert.equal(r.json.readinessStatus, 'ready');
    assert.equal(r.json.dataDomain, 'educationRostering');
    assert.equal(r.json.displayName, 'Inbound rostering flow');
    assert.match(r.json.effectiveDateTime, /^2023-03-12T11:10:46\.924769\d*Z$/);
    assert.match(r.json.expirationDateTime, /^2023-03-13T11:10:46\.924769\d*Z$/);
    const got = await api.call('GET', `${ROOT}/inboundFlows/${flowId}`);
    assert.equal(got.status, 200);
    assert.equal(got.json.effectiveDateTime, r.json.effectiveDateTime);
    assert.equal((await api.call('PATCH', `${ROOT}/inboundFlows/${flowId}`, { displayName: 'Rostering' })).status, 204);
    assert.equal((await api.call('GET', `${ROOT}/inboundFlows`)).json.value[0].displayName, 'Rostering');
    const base = {
      '@odata.type': '#microsoft.graph.industryData.inboundFileFlow',
      dataDomain: 'educationRostering',
      displayName: 'x',
      effectiveDateTime: '2023-03-12T16:40:46Z',
    };
    const bad = [
      { ...base, 'year@odata.bind': `${GRAPH}/years/${yearId}` }, // no connector
      { ...base, 'dataConnector@odata.bind': `${GRAPH}/dataConnectors/${fileConnectorId}` }, // no year
      {
        ...base,
        'dataConnector@odata.bind': `${GRAPH}/dataConnectors/00000000-0000-0000-0000-000000000000`,
        'year@odata.bind': `${GRAPH}/years/${yearId}`,
      },
      {
        ...base,
        effectiveDateTime: 'yesterday',
        'dataConnector@odata.bind': `${GRAPH}/dataConnectors/${fileConnectorId}`,
        'year@odata.bind': `${GRAPH}/years/${yearId}`,
      },
      {
        ...base,
        readinessStatus: 'ready',
        'dataConnector@odata.bind': `${GRAPH}/dataConnectors/${fileConnectorId}`,
        'year@odata.bind': `${GRAPH}/years/${yearId}`,
      },
    ];
    for (const body of bad) assertGraphError(await api.call('POST', `${ROOT}/inboundFlows`, body), 400);
    assertGraphError(await api.call('GET', `${ROOT}/inboundFlows/nope`), 404, 'ResourceNotFound');
  });

  it('GetUploadSession answers on both paths with a signed, 4-hour session URL', async () => {
    for (const path of [
      `${ROOT}/dataConnectors/${fileConnectorId}/microsoft.graph.industryData.azureDataLakeConnector/GetUploadSession`,
      `${ROOT}/dataConnectors/${fileConnectorId}/GetUploadSession`,
      `${ROOT}/dataConnectors('${fileConnectorId}')/microsoft.graph.industryData.azureDataLakeConnector/getUploadSession`,
    ]) {
      const r = await api.call('GET', path);
      assert.equal(r.status, 200, `${path}: ${r.body}`);
      assert.equal(r.json.containerId, fileConnectorId);
      const url = new URL(r.json.sessionUrl);
      assert.match(url.pathname, /^\/rosterlink\/v1\/uploads\/[0-9a-f-]{36}$/);
      assert.match(url.searchParams.get('sig') ?? '', /^[A-Za-z0-9_-]{43}$/);
      const hours = (Date.parse(r.json.sessionExpirationDateTime) - Date.now()) / 3_600_000;
      assert.ok(hours > 3.9 && hours <= 4, `expires in ${hours} h`);
      assert.match(r.json.sessionExpirationDateTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    }
    assertGraphError(await api.call('GET', `${ROOT}/dataConnectors/${apiConnectorId}/GetUploadSession`), 400);
    assertGraphError(await api.call('GET', `${ROOT}/dataConnectors/nope/GetUploadSession`), 404, 'ResourceNotFound');
    assertGraphError(
      await api.call('POST', `${ROOT}/dataConnectors/${fileConnectorId}/GetUploadSession`),
      405,
      'MethodNotAllowed',
    );
  });

  it('the signed upload URL takes files with its signature only', async () => {
    const url = await session();
    const users = sampleFiles().get('users.csv')!;
    const ok = await put(url, 'users.csv', users);
    assert.equal(ok.status, 201, ok.body);
    assert.deepEqual(ok.json, { name: 'users.csv', size: users.length });
    assertGraphError(await put(url, 'users.csv', users, 'x'.repeat(43)), 403, 'AuthenticationFailed');
    assertGraphError(await put(url, 'users.csv', users, ''), 401);
    for (const name of ['users.txt', '..%2Fusers.csv', '.hidden.csv', 'sub%2Fusers.csv']) {
      assertGraphError(await put(url, name, users), 400, 'BadRequest');
    }
    const path = new URL(url).pathname;
    const other = await api.app.inject({ method: 'GET', url: `${path}/users.csv${new URL(url).search}` });
    assert.equal(other.statusCode, 405);
    assert.equal(JSON.parse(other.body).error.code, 'MethodNotAllowed');
    const unknown = url.replace(/uploads\/[0-9a-f-]{36}/, 'uploads/00000000-0000-0000-0000-000000000000');
    assertGraphError(await put(unknown, 'users.csv', users), 404);
    // An expired session refuses uploads like an expired SAS.
    const id = /uploads\/([0-9a-f-]{36})/.exec(url)![1];
    const doc = await api.runtime.config.docs.get<Record<string, unknown>>('uploadSessions', id);
    await api.runtime.config.docs.replace(
      'uploadSessions',
      id,
      { ...doc!.data, expiresDateTime: new Date(Date.now() - 1000).toISOString() },
      doc!.modifiedAt,
    );
    assertGraphError(await put(url, 'users.csv', users), 403, 'AuthenticationFailed');
  });

  it('validates the SDS v2.1 sample: 202, Location, then a succeeded fileValidateOperation', async () => {
    await uploadSample();
    const op = await validate();
    assert.equal(op['@odata.type'], '#microsoft.graph.industryData.fileValidateOperation');
    assert.equal(op.status, 'succeeded', op.statusDetail);
    assert.deepEqual(op.errors, []);
    assert.deepEqual(op.warnings, []);
    assert.deepEqual([...op.validatedFiles].sort(), [...sampleFiles().keys()].sort());
    assert.equal(op.resourceLocation, `external/industryData/dataConnectors('${fileConnectorId}')`);
    assert.ok(Date.parse(op.lastActionDateTime) >= Date.parse(op.createdDateTime));
    const list = await api.call('GET', `${ROOT}/operations`);
    assert.equal(list.status, 200);
    assert.ok(list.json.value.some((o: { id: string }) => o.id === op.id));
    // Validating reads the files only: the flow's lake stays empty until a run or `rosterlink import` loads it.
    const people = await api.runtime.store.db.selectFrom('lake_people').select('sourced_id').execute();
    assert.equal(people.length, 0);
  });

  it('validates through the inbound flow: inboundFlows/{id}/dataConnector/validate', async () => {
    const op = await validate(`${ROOT}/inboundFlows/${flowId}/dataConnector/validate`);
    assert.equal(op.status, 'succeeded', op.statusDetail);
    assert.equal(op.resourceLocation, `external/industryData/dataConnectors('${fileConnectorId}')`);
    const qualified = await validate(`${ROOT}/dataConnectors/${fileConnectorId}/microsoft.graph.industryData.validate`);
    assert.equal(qualified.status, 'succeeded');
  });

  it('a defective upload lists its errors and warnings as publicErrors', async () => {
    const files = sampleFiles();
    const users = files
      .get('users.csv')!
      .toString()
      .replace('jcraig@classrmtest31.org,,,', 'jcraig@classrmtest31.org,,12345,');
    files.set('users.csv', Buffer.from(users));
    files.set(
      'roles.csv',
      Buffer.from(`${files.get('roles.csv')!.toString().trimEnd()}\r\n999999,110003,student,,,,,\r\n`),
    );
    await uploadSample(files);
    const op = await validate();
    assert.equal(op.status, 'succeeded', op.statusDetail);
    const unknownUser = op.errors.find((e: { target: string }) => e.target === 'roles.csv:9');
    assert.ok(unknownUser, JSON.stringify(op.errors));
    assert.equal(unknownUser.code, 'UNKNOWN_REFERENCE');
    assert.equal(typeof unknownUser.message, 'string');
    assert.deepEqual(Object.keys(unknownUser).sort(), ['code', 'details', 'innerError', 'message', 'target']);
    assert.equal(op.errors.length, 1, JSON.stringify(op.errors));
    assert.equal(op.warnings.length, 1, JSON.stringify(op.warnings));
    const [phone] = op.warnings;
    assert.equal(phone.code, 'INVALID_PHONE');
    assert.equal(phone.target, 'users.csv:2');
    assert.deepEqual(phone.details, [{ code: 'warning', message: 'phone=12345', target: '114001' }]);
  });

  it('a catastrophic upload makes the operation fail with the reason', async () => {
    const files = sampleFiles();
    files.delete('roles.csv');
    await uploadSample(files);
    const op = await validate();
    assert.equal(op.status, 'failed');
    assert.match(op.statusDetail, /roles\.csv/);
    assert.equal(op.errors[0].code, 'MISSING_REQUIRED_FILE');
  });

  it('validates a zip upload, and resetSession drops earlier uploads', async () => {
    const zip = buildZip([...sampleFiles()].map(([name, data]) => ({ name, data, method: 'deflate' as const })));
    const url = await session();
    assert.equal((await put(url, 'roster.zip', zip)).status, 201);
    const op = await validate();
    assert.equal(op.status, 'succeeded', op.statusDetail);
    assert.equal(op.errors.length, 0);
    const fresh = await session(fileConnectorId, '?resetSession=true');
    assertGraphError(await put(url, 'users.csv', 'x'), 404); // the old session is gone
    assert.notEqual(fresh, url);
    const none = await validate();
    assert.equal(none.status, 'failed');
    assert.match(none.statusDetail, /No files have been uploaded/);
  });

  it('checks permissions: upload and validate need DataConnector.Upload or ReadWrite.All', async () => {
    const reader = await api.tokenFor(['IndustryData-DataConnector.Read.All']);
    const uploader = await api.tokenFor(['IndustryData-DataConnector.Upload'], true);
    const as = (token: string, method: string, url: string) =>
      api.call(method, url, undefined, { authorization: `Bearer ${token}` });
    assertGraphError(
      await as(reader, 'GET', `${ROOT}/dataConnectors/${fileConnectorId}/GetUploadSession`),
      403,
      'Authorization_RequestDenied',
    );
    assertGraphError(await as(reader, 'POST', `${ROOT}/dataConnectors/${fileConnectorId}/validate`), 403);
    assert.equal((await as(reader, 'GET', `${ROOT}/dataConnectors/${fileConnectorId}`)).status, 200);
    assert.equal((await as(uploader, 'GET', `${ROOT}/dataConnectors/${fileConnectorId}/GetUploadSession`)).status, 200);
    assert.equal((await as(uploader, 'POST', `${ROOT}/dataConnectors/${fileConnectorId}/validate`)).status, 202);
    assert.equal((await as(uploader, 'GET', `${ROOT}/operations`)).status, 200);
    assertGraphError(await as(uploader, 'POST', `${ROOT}/dataConnectors`), 403);
    const anonymous = await api.app.inject({
      method: 'POST',
      url: `${ROOT}/dataConnectors/${fileConnectorId}/validate`,
    });
    assert.equal(anonymous.statusCode, 401);
  });

  it('answers unknown ids with 404, wrong verbs with 405, and deletes what it created', async () => {
    assertGraphError(await api.call('POST', `${ROOT}/dataConnectors/nope/validate`), 404, 'ResourceNotFound');
    assertGraphError(
      await api.call('POST', `${ROOT}/inboundFlows/nope/dataConnector/validate`),
      404,
      'ResourceNotFound',
    );
    assertGraphError(
      await api.call('GET', `${ROOT}/dataConnectors/${fileConnectorId}/validate`),
      405,
      'MethodNotAllowed',
    );
    assertGraphError(await api.call('GET', `${ROOT}/operations/nope`), 404, 'ResourceNotFound');
    assertGraphError(await api.call('POST', `${ROOT}/operations`, {}), 405, 'MethodNotAllowed');
    assertGraphError(await api.call('DELETE', `${ROOT}/operations/nope`), 405, 'MethodNotAllowed');
    assert.equal((await api.call('DELETE', `${ROOT}/inboundFlows/${flowId}`)).status, 204);
    assertGraphError(await api.call('GET', `${ROOT}/inboundFlows/${flowId}`), 404);
    assert.equal((await api.call('DELETE', `${ROOT}/dataConnectors/${apiConnectorId}`)).status, 204);
    assertGraphError(await api.call('DELETE', `${ROOT}/dataConnectors/${apiConnectorId}`), 404);
    assert.equal((await api.call('DELETE', `${ROOT}/years/${yearId}`)).status, 204);
  });
});
