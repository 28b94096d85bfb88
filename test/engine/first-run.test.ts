import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DirectoryService } from '../../src/directory/embedded/index.js';
import { verifyPassword } from '../../src/directory/embedded/passwords.js';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { readCsv } from '../../src/inbound/generate/read-csv-for-tests.js';
import { openRuntime, type Runtime } from '../../src/main.js';
import {
  addSkus,
  byId,
  configure,
  directoryRows,
  editCsv,
  load,
  runOnce,
  sourceSystemBody,
  STAFF_SKU,
  STUDENT_PASSWORD,
  STUDENT_SKU,
  type RunOutcome,
} from '../support/engine.js';
import { storeVariants } from '../support/stores.js';

/**
 * A generated district through the engine on each store: the first run creates (or links) every person with the
 * attributes the flow asks for, the second run changes nothing.
 */
let dir: string;
let users: Map<string, Record<string, string>>;
let roles: Map<string, Record<string, string>>;
let contactsOf: Map<string, Record<string, string>[]>;
const PRELOADED_STAFF = ['2001', '2002', '2003'];
const PRELOADED_STUDENT = '1001';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-engine-first-'));
  await generateDistrict({ persons: 300, out: dir, format: 'sds-v2.1', seed: 11 });
  // Students come without a domain: their rule appends students.contoso.edu (staff keep @contoso.edu).
  editCsv(dir, 'users.csv', (_h, rows) =>
    rows.map((r) => (r[0].startsWith('1') ? [r[0], r[1].replace('@contoso.edu', ''), ...r.slice(2)] : r)),
  );
  const table = async (file: string) => (await readCsv(dir, file)).rows;
  users = new Map((await table('users.csv')).map((u) => [u.sourcedId, u]));
  roles = new Map((await table('roles.csv')).filter((r) => r.isPrimary === 'TRUE').map((r) => [r.userSourcedId, r]));
  contactsOf = new Map();
  for (const rel of await table('relationships.csv')) {
    const list = contactsOf.get(rel.userSourcedId) ?? [];
    list.push({ ...users.get(rel.relationshipUserSourcedId)!, relationshipRole: rel.relationshipRole });
    contactsOf.set(rel.userSourcedId, list);
  }
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

for (const variant of storeVariants()) {
  describe(`engine on a generated district (${variant.name})`, () => {
    const url = variant.url();
    let runtime: Runtime;
    let first: RunOutcome;
    let second: RunOutcome;
    let before2: Map<string, string>;
    const preloaded = new Map<string, string>(); // sourcedId → account id

    before(async () => {
      runtime = await openRuntime(url);
      await addSkus(runtime, 1000, 1000);
      const { inbound } = await configure(runtime, {
        sourceSystem: sourceSystemBody({}, { domainName: 'students.contoso.edu' }),
      });
      await load(runtime, inbound, dir);
      const service = new DirectoryService(runtime.store);
      for (const id of PRELOADED_STAFF) {
        const upn = users.get(id)!.username;
        const acc = await service.create({
          userPrincipalName: id === '2002' ? upn.toUpperCase() : upn,
          displayName: 'Pre-existing',
          password: 'Pre-existing-1',
          forceChangePasswordNextSignIn: false,
        });
        preloaded.set(id, acc.id);
      }
      const kid = await service.create({
        userPrincipalName: `${users.get(PRELOADED_STUDENT)!.username}@students.contoso.edu`,
        displayName: 'Pre-existing kid',
        password: 'Pre-existing-1',
        forceChangePasswordNextSignIn: false,
      });
      preloaded.set(PRELOADED_STUDENT, kid.id);
      first = await runOnce(runtime);
      before2 = new Map((await directoryRows(runtime)).map((r) => [r.id, r.modified_at]));
      second = await runOnce(runtime);
    });
    after(async () => {
      await runtime?.close();
      await variant.cleanup(url);
    });

    test('the first run creates everyone not pre-loaded and links the pre-loaded accounts', async () => {
      assert.equal(first.status, 'completed');
      assert.deepEqual(first.decisions, { create: 296, link: 4, update: 0, noop: 0, conflict: 0, skip: 0 });
      assert.equal(first.rows.length, 300);
      assert.ok(first.rows.every((r) => r.outcome === 'applied' && r.errorCode === null));
      const rows = byId(first.rows);
      for (const [sourcedId, accountId] of preloaded) {
        assert.equal(rows.get(sourcedId)!.decision, 'link');
        assert.equal(rows.get(sourcedId)!.accountId, accountId);
      }
      assert.equal(await new DirectoryService(runtime.store).count(), 300);
      const links = await runtime.store.db.selectFrom('links').selectAll().execute();
      assert.equal(links.length, 300);
      assert.equal(new Set(links.map((l) => l.account_id)).size, 300);
    });

    test('created students carry the rule’s UPN, names, password, licence and managed attributes', async () => {
      const directory = byId((await directoryRows(runtime)).map((r) => ({ ...r, sourcedId: r.anchor!.slice(5) })));
      const licences = await runtime.store.db.selectFrom('directory_license_assignments').selectAll().execute();
      const skusOf = (id: string) => licences.filter((l) => l.user_id === id).map((l) => l.sku_id);
      let checked = 0;
      for (const row of first.rows.filter((r) => r.roleGroup === 'students' && r.decision === 'create')) {
        const u = users.get(row.sourcedId)!;
        const acc = directory.get(row.sourcedId)!;
        assert.equal(acc.upn, `${u.username}@students.contoso.edu`);
        assert.equal(acc.display_name, `${u.givenName} ${u.familyName}`);
        assert.equal(acc.given_name, u.givenName);
        assert.equal(acc.surname, u.familyName);
        assert.equal(acc.mail_nickname, u.username);
        assert.equal(acc.force_change_password, 1);
        assert.equal(acc.account_enabled, 1);
        assert.equal(acc.usage_location, 'US');
        assert.equal(acc.age_group, 'minor');
        assert.equal(acc.grade, roles.get(row.sourcedId)!.grade.toLowerCase());
        assert.equal(acc.anchor, `User_${row.sourcedId}`);
        assert.deepEqual(skusOf(acc.id), [STUDENT_SKU]);
        const contacts = JSON.parse(acc.related_contacts) as { displayName: string; relationship: string }[];
        const expected = (contactsOf.get(row.sourcedId) ?? []).map((c) => ({
          displayName: `${c.givenName} ${c.familyName}`,
          relationship: c.relationshipRole,
        }));
        assert.deepEqual(
          contacts.map((c) => ({ displayName: c.displayName, relationship: c.relationship })).sort(compare),
          expected.sort(compare),
        );
        checked++;
      }
      assert.ok(checked > 250, `only ${checked} students checked`);
      const oneStudent = directory.get(
        first.rows.find((r) => r.decision === 'create' && r.roleGroup === 'students')!.sourcedId,
      )!;
      assert.match(oneStudent.password_hash, /^scrypt\$/);
      assert.equal(await verifyPassword(STUDENT_PASSWORD, oneStudent.password_hash), true);
      assert.ok(
        [...contactsOf.keys()].some((id) => JSON.parse(directory.get(id)?.related_contacts ?? '[]').length > 0),
      );
    });

    test('created staff get the staff licence and no student attributes', async () => {
      const staff = first.rows.filter((r) => r.roleGroup === 'staff' && r.decision === 'create');
      assert.equal(staff.length, 24 - PRELOADED_STAFF.length);
      const service = new DirectoryService(runtime.store);
      for (const row of staff) {
        const acc = await service.get(row.accountId!);
        assert.equal(acc.userPrincipalName, users.get(row.sourcedId)!.username);
        assert.deepEqual(acc.assignedLicenses, [{ skuId: STAFF_SKU }]);
        assert.equal(acc.ageGroup, null);
        assert.equal(acc.grade, null);
        assert.deepEqual(acc.relatedContacts, []);
      }
    });

    test('linked accounts keep their UPN and get the anchor and managed attributes but no licence', async () => {
      const service = new DirectoryService(runtime.store);
      const staff = await service.get(preloaded.get('2002')!);
      assert.equal(staff.userPrincipalName, users.get('2002')!.username.toUpperCase());
      assert.equal(staff.displayName, 'Pre-existing');
      assert.equal(staff.anchor, 'User_2002');
      assert.deepEqual(staff.assignedLicenses, []);
      const kid = await service.get(preloaded.get(PRELOADED_STUDENT)!);
      assert.equal(kid.anchor, `User_${PRELOADED_STUDENT}`);
      assert.equal(kid.ageGroup, 'minor');
      assert.equal(kid.grade, roles.get(PRELOADED_STUDENT)!.grade.toLowerCase());
      assert.deepEqual(kid.assignedLicenses, []);
      assert.match(byId(first.rows).get(PRELOADED_STUDENT)!.reason, /Matched by userPrincipalName/);
    });

    test('statistics: inbound totals, matched (had an account) and unmatched people by role', () => {
      const s = first.statistics;
      assert.equal(s.runId, first.runId);
      assert.equal(s.status, 'completed');
      assert.equal(s.inboundTotals.people, users.size);
      assert.equal(s.inboundTotals.organizations, 2);
      assert.equal(s.inboundTotals.errors, 0);
      const count = (list: { role: string; count: number }[]) => list.reduce((n, c) => n + c.count, 0);
      assert.equal(count(s.inboundTotals.matchedPeopleByRole), 4);
      assert.equal(count(s.inboundTotals.unmatchedPeopleByRole), 296);
      assert.deepEqual(
        s.inboundTotals.matchedPeopleByRole.find((c: { role: string }) => c.role === 'student'),
        { count: 1, role: 'student' },
      );
      const [inbound, outbound] = s.activityStatistics;
      assert.equal(inbound['@odata.type'], '#microsoft.graph.industryData.inboundActivityResults');
      assert.deepEqual(inbound.people, { active: users.size, inactive: 0, total: users.size });
      assert.deepEqual(inbound.matchedPeopleByRole, s.inboundTotals.matchedPeopleByRole);
      assert.deepEqual(inbound.unmatchedPeopleByRole, s.inboundTotals.unmatchedPeopleByRole);
      assert.equal(outbound.status, 'completed');
      assert.equal(typeof outbound.activityId, 'string');
      assert.deepEqual(
        first.activities.map((a) => [a.type, a.data.status]),
        [
          ['microsoft.graph.industryData.inboundFlowActivity', 'skipped'],
          ['microsoft.graph.industryData.outboundFlowActivity', 'completed'],
        ],
      );
      assert.equal(first.run.data.status, 'completed');
      assert.equal(typeof first.run.data.endDateTime, 'string');
    });

    test('the second run with nothing changed writes nothing', async () => {
      assert.equal(second.status, 'completed');
      assert.equal(second.writes, 0);
      assert.deepEqual(second.decisions, { create: 0, link: 0, update: 0, noop: 300, conflict: 0, skip: 0 });
      const after2 = new Map((await directoryRows(runtime)).map((r) => [r.id, r.modified_at]));
      assert.deepEqual(after2, before2);
      const count = (list: { count: number }[]) => list.reduce((n, c) => n + c.count, 0);
      assert.equal(count(second.statistics.inboundTotals.matchedPeopleByRole), 300);
      assert.deepEqual(second.statistics.inboundTotals.unmatchedPeopleByRole, []);
    });
  });
}

function compare(a: { displayName: string; relationship: string }, b: { displayName: string; relationship: string }) {
  return `${a.displayName}|${a.relationship}`.localeCompare(`${b.displayName}|${b.relationship}`);
}
