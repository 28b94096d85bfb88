import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DirectoryService } from '../../src/directory/embedded/index.js';
import { storeVariants } from '../support/stores.js';
import { createTestApi, type TestApi } from '../support/test-server.js';

const ANCHOR = 'extension_fe2174665583431c953114ff7268b7b3_Education_AnchorId';
const GRADE = 'extension_fe2174665583431c953114ff7268b7b3_Education_Grade';
const ROOT = 'https://graph.microsoft.com/v1.0';
const PASSWORD = 'Str0ng-Passw0rd!';

const newUser = (upn: string, extra: Record<string, unknown> = {}) => ({
  accountEnabled: true,
  displayName: upn.split('@')[0],
  mailNickname: upn.split('@')[0].replace(/[^a-z0-9]/gi, ''),
  userPrincipalName: upn,
  passwordProfile: { password: PASSWORD, forceChangePasswordNextSignIn: true },
  ...extra,
});

for (const variant of storeVariants()) {
  describe(`Graph /v1.0 users on the embedded directory (${variant.name})`, () => {
    let api: TestApi;
    let url: string;
    let service: DirectoryService;
    before(async () => {
      url = variant.url();
      api = await createTestApi(url);
      service = new DirectoryService(api.runtime.store);
    });
    after(async () => {
      await api?.close();
      await variant.cleanup(url);
    });

    test('POST /users creates a user: 201, Location, Graph default properties, no password', async () => {
      const res = await api.call(
        'POST',
        '/v1.0/users',
        newUser('ada@create.edu', { givenName: 'Ada', [ANCHOR]: 'User_1' }),
      );
      assert.equal(res.status, 201, res.body);
      assert.equal(res.json['@odata.context'], `${ROOT}/$metadata#users/$entity`);
      assert.equal(res.headers.location, `http://localhost:80/v1.0/users/${res.json.id}`);
      assert.deepEqual(Object.keys(res.json).sort(), [
        '@odata.context', 'businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone',
        'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName',
      ]); // prettier-ignore
      assert.equal(res.json.givenName, 'Ada');
      assert.ok(!res.body.includes(PASSWORD));
      const selected = await api.call(
        'GET',
        `/v1.0/users/${res.json.id}?$select=accountEnabled,mailNickname,${ANCHOR}`,
      );
      assert.deepEqual(selected.json, {
        '@odata.context': `${ROOT}/$metadata#users(accountEnabled,mailNickname,${ANCHOR})/$entity`,
        accountEnabled: true,
        mailNickname: 'ada',
        [ANCHOR]: 'User_1',
      });
    });

    test('POST /users rejects missing, unknown, read-only and invalid properties with Graph messages', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ ...newUser('p@bad.edu'), passwordProfile: undefined }, 'A password must be specified to create a new user.'],
        [{ ...newUser('d@bad.edu'), displayName: undefined }, "Invalid value specified for property 'displayName' of resource 'User'."],
        [{ ...newUser('a@bad.edu'), accountEnabled: 'yes' }, "Invalid value specified for property 'accountEnabled' of resource 'User'."],
        [{ ...newUser('no-at-sign') }, "Invalid value specified for property 'userPrincipalName' of resource 'User'."],
        [newUser('f@bad.edu', { favouriteColour: 'red' }), "Property 'favouriteColour' does not exist as a declared property or extension property."],
        [newUser('r@bad.edu', { id: 'x' }), "Property 'id' is read-only and cannot be set."],
        [
          newUser('w@bad.edu', { passwordProfile: { password: 'password' } }),
          'The specified password does not comply with password complexity requirements. Please provide a different password.',
        ],
      ]; // prettier-ignore
      for (const [body, message] of cases) {
        const res = await api.call('POST', '/v1.0/users', JSON.parse(JSON.stringify(body)));
        assert.equal(res.status, 400, message);
        assert.equal(res.json.error.code, 'Request_BadRequest');
        assert.equal(res.json.error.message, message);
      }
    });

    test('a duplicate UPN (any case) is a 400, as on Graph', async () => {
      assert.equal((await api.call('POST', '/v1.0/users', newUser('dup@dup.edu'))).status, 201);
      const res = await api.call('POST', '/v1.0/users', newUser('DUP@dup.edu'));
      assert.equal(res.status, 400);
      assert.deepEqual(
        [res.json.error.code, res.json.error.message],
        ['Request_BadRequest', 'Another object with the same value for property userPrincipalName already exists.'],
      );
    });

    test('GET by id, by UPN (any case) and by key-in-parens; unknown ids are 404', async () => {
      const created = (await api.call('POST', '/v1.0/users', newUser('grace@get.edu'))).json;
      for (const path of [created.id, 'Grace@GET.edu', `('grace@get.edu')`]) {
        const res = await api.call('GET', path.startsWith('(') ? `/v1.0/users${path}` : `/v1.0/users/${path}`);
        assert.equal(res.status, 200, path);
        assert.equal(res.json.id, created.id);
      }
      const res = await api.call('GET', '/v1.0/users/nobody@get.edu');
      assert.equal(res.status, 404);
      assert.deepEqual(res.json.error.code, 'Request_ResourceNotFound');
      assert.equal(
        res.json.error.message,
        "Resource 'nobody@get.edu' does not exist or one of its queried reference-property objects are not present.",
      );
    });

    test('PATCH changes only what it names (204); DELETE removes (204), then 404', async () => {
      const id = (await api.call('POST', '/v1.0/users', newUser('pat@patch.edu', { surname: 'Old' }))).json.id;
      const patch = await api.call('PATCH', `/v1.0/users/${id}`, {
        displayName: 'Pat New',
        [ANCHOR]: 'User_9',
        [GRADE]: '05',
      });
      assert.equal(patch.status, 204);
      assert.equal(patch.body, '');
      const read = await api.call('GET', `/v1.0/users/${id}?$select=displayName,surname,${ANCHOR},${GRADE}`);
      assert.equal(read.json.displayName, 'Pat New');
      assert.equal(read.json.surname, 'Old');
      assert.equal(read.json[ANCHOR], 'User_9');
      assert.equal(read.json[GRADE], '05');
      assert.equal((await api.call('PATCH', `/v1.0/users/${id}`, { createdDateTime: 'x' })).status, 400);
      assert.equal((await api.call('PATCH', '/v1.0/users/missing@patch.edu', { displayName: 'x' })).status, 404);
      assert.equal((await api.call('DELETE', `/v1.0/users/${id}`)).status, 204);
      assert.equal((await api.call('GET', `/v1.0/users/${id}`)).status, 404);
      assert.equal((await api.call('DELETE', `/v1.0/users/${id}`)).status, 404);
    });

    test('other methods are 405 and unknown segments are named', async () => {
      const id = (await api.call('POST', '/v1.0/users', newUser('m@method.edu'))).json.id;
      for (const [method, path] of [
        ['PUT', `/v1.0/users/${id}`],
        ['DELETE', '/v1.0/users'],
        ['GET', `/v1.0/users/${id}/assignLicense`],
        ['POST', '/v1.0/subscribedSkus'],
      ]) {
        const res = await api.call(method, path, method === 'GET' ? undefined : {});
        assert.equal(res.status, 405, `${method} ${path}`);
        assert.equal(res.json.error.code, 'MethodNotAllowed');
      }
      const res = await api.call('GET', `/v1.0/users/${id}/nonsense`);
      assert.equal(res.status, 400);
      assert.equal(res.json.error.message, "Resource not found for the segment 'nonsense'.");
    });

    test('list: $filter eq / in / startswith on the indexed properties, compiled to SQL', async () => {
      const accounts = await created(service, 'filter.edu', 5);
      const q = async (filter: string) => {
        const res = await api.call(
          'GET',
          `/v1.0/users?$filter=${encodeURIComponent(filter)}&$select=userPrincipalName`,
        );
        assert.equal(res.status, 200, `${filter}: ${res.body}`);
        return res.json.value.map((u: { userPrincipalName: string }) => u.userPrincipalName).sort();
      };
      assert.deepEqual(await q("userPrincipalName eq 'S1@FILTER.EDU'"), ['s1@filter.edu']);
      assert.deepEqual(await q("mail in ('s2.mail@filter.edu', 'S3.MAIL@filter.edu', 'none@x')"), [
        's2@filter.edu',
        's3@filter.edu',
      ]);
      assert.deepEqual(await q("startswith(displayName, 'student 4')"), ['s4@filter.edu']);
      assert.deepEqual(await q("employeeId eq 'E0' or id eq '" + accounts[1].id + "'"), [
        's0@filter.edu',
        's1@filter.edu',
      ]);
      assert.deepEqual(await q(`${ANCHOR} eq 'user_filter_2'`), ['s2@filter.edu']);
      assert.deepEqual(await q("startswith(userPrincipalName, 's') and endswith(userPrincipalName, '@filter.edu')"), [
        's0@filter.edu', 's1@filter.edu', 's2@filter.edu', 's3@filter.edu', 's4@filter.edu',
      ]); // prettier-ignore
      const bad = await api.call('GET', `/v1.0/users?$filter=${encodeURIComponent('accountEnabled eq true')}`);
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.code, 'Request_BadRequest');
      const count = await api.call(
        'GET',
        `/v1.0/users/$count?$filter=${encodeURIComponent("endswith(mail, '@filter.edu')")}`,
      );
      assert.equal(count.body, '5');
    });

    test('list: $top pages with @odata.nextLink/$skiptoken through every user once; $count; limits', async () => {
      await created(service, 'paging.edu', 7);
      const filter = `$filter=${encodeURIComponent("endswith(userPrincipalName, '@paging.edu')")}`;
      let next: string | undefined = `/v1.0/users?${filter}&$top=3&$count=true&$orderby=userPrincipalName`;
      const seen: string[] = [];
      let pages = 0;
      while (next) {
        const res = await api.call('GET', next.replace(/^https?:\/\/[^/]+/, ''));
        assert.equal(res.status, 200, res.body);
        assert.equal(res.json['@odata.count'], 7);
        assert.equal(res.json['@odata.context'], `${ROOT}/$metadata#users`);
        seen.push(...res.json.value.map((u: { userPrincipalName: string }) => u.userPrincipalName));
        next = res.json['@odata.nextLink'];
        if (next) assert.match(next, /\$skiptoken=/);
        pages++;
      }
      assert.equal(pages, 3);
      assert.deepEqual(
        seen,
        [0, 1, 2, 3, 4, 5, 6].map((i) => `s${i}@paging.edu`),
      );
      const tooBig = await api.call('GET', '/v1.0/users?$top=1000');
      assert.equal(tooBig.status, 400);
      assert.equal(
        tooBig.json.error.message,
        "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
      );
      assert.equal((await api.call('GET', '/v1.0/users?$skip=2')).status, 400);
      assert.equal((await api.call('GET', '/v1.0/users?$skiptoken=garbage')).status, 400);
    });

    test('assignLicense adds and removes seats and returns the user; subscribedSkus reports them', async () => {
      const sku = await service.addSku({ skuPartNumber: 'STANDARDWOFFPACK_STUDENT', seats: 1 });
      const a = (await api.call('POST', '/v1.0/users', newUser('a@lic.edu', { usageLocation: 'US' }))).json;
      const b = (await api.call('POST', '/v1.0/users', newUser('b@lic.edu', { usageLocation: 'US' }))).json;
      const assign = (id: string, add: string[], remove: string[] = []) =>
        api.call('POST', `/v1.0/users/${id}/assignLicense`, {
          addLicenses: add.map((skuId) => ({ skuId, disabledPlans: [] })),
          removeLicenses: remove,
        });
      const ok = await assign(a.id, [sku.skuId]);
      assert.equal(ok.status, 200, ok.body);
      assert.equal(ok.json['@odata.context'], `${ROOT}/$metadata#users/$entity`);
      assert.equal(ok.json.id, a.id);
      const licensed = await api.call('GET', `/v1.0/users/${a.id}?$select=assignedLicenses`);
      assert.deepEqual(licensed.json.assignedLicenses, [{ disabledPlans: [], skuId: sku.skuId }]);
      const full = await assign(b.id, [sku.skuId]);
      assert.equal(full.status, 400);
      assert.equal(full.json.error.message, `Subscription ${sku.skuId} does not have any available licenses.`);
      const skus = await api.call('GET', '/v1.0/subscribedSkus');
      assert.equal(skus.json['@odata.context'], `${ROOT}/$metadata#subscribedSkus`);
      const wire = skus.json.value.find((s: { skuId: string }) => s.skuId === sku.skuId);
      assert.equal(wire.skuPartNumber, 'STANDARDWOFFPACK_STUDENT');
      assert.equal(wire.consumedUnits, 1);
      assert.equal(wire.prepaidUnits.enabled, 1);
      assert.equal(wire.capabilityStatus, 'Enabled');
      assert.equal(wire.appliesTo, 'User');
      assert.equal((await assign(a.id, [], [sku.skuId])).status, 200);
      assert.equal((await assign(b.id, [sku.skuId])).status, 200, 'the seat given back is free again');
      assert.equal((await assign(b.id, ['not-a-guid'])).status, 400);
      assert.equal((await assign(b.id, ['00000000-0000-4000-8000-000000000001'])).status, 400);
      assert.equal((await api.call('POST', `/v1.0/users/${b.id}/assignLicense`, { addLicenses: [] })).status, 400);
    });

    test('read permissions read; writes need User.ReadWrite.All', async () => {
      const token = await api.tokenFor(['User.Read.All']);
      const headers = { authorization: `Bearer ${token}` };
      assert.equal((await api.call('GET', '/v1.0/users', undefined, headers)).status, 200);
      const res = await api.call('POST', '/v1.0/users', newUser('x@perm.edu'), headers);
      assert.equal(res.status, 403);
      assert.equal((await api.call('GET', '/v1.0/subscribedSkus', undefined, { authorization: '' })).status, 401);
    });
  });
}

/** Accounts s0..s{n-1}@domain with mail, employeeId, anchor and display name derived from the index. */
async function created(service: DirectoryService, domain: string, n: number) {
  const label = domain.split('.')[0];
  const results = await service.directory.createAccounts(
    Array.from({ length: n }, (_, i) => ({
      userPrincipalName: `s${i}@${domain}`,
      displayName: `Student ${i} ${label}`,
      mail: `s${i}.mail@${domain}`,
      employeeId: `E${i}`,
      anchor: `User_${label}_${i}`,
      password: PASSWORD,
      forceChangePasswordNextSignIn: true,
    })),
  );
  return results.map((r) => {
    assert.ok(r.ok);
    return r.value;
  });
}
