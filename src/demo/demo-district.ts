import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { FLOWS, FLOW_SETS, SOURCE_SYSTEMS } from '../configuration/entity-sets.js';
import { DirectoryService } from '../directory/embedded/index.js';
import { bindConnectorSourceSystem } from '../engine/setup-file.js';
import { generateDistrict } from '../inbound/generate/generate-district.js';
import { ensureInboundFlow } from '../ingest/default-setup.js';
import { loadRoster } from '../ingest/load-roster.js';
import type { Runtime } from '../main.js';
import { DEMO_FLOW_SET, DEMO_SOURCE_SYSTEM, DEMO_USER_FLOW, FACULTY_SKU, STUDENT_SKU } from './demo-config.js';

export const DEMO_PERSONS = 1500;
export const DEMO_SCHOOLS = 3;

export interface DemoSetup {
  people: number;
  preloadedAccounts: number;
  ambiguousSourcedId: string;
}

/**
 * A first-start district: 1,500 people in 3 schools with guardians, half of the staff already in the directory
 * (matched by mail), one staff member with two accounts sharing their mail (an ambiguous match for the conflicts
 * queue), and a source system, flow set and userProvisioningFlow configured through the same service as the API.
 */
export async function setUpDemoDistrict(runtime: Runtime, dir: string): Promise<DemoSetup> {
  const rosterDir = path.join(dir, 'roster');
  await generateDistrict({
    persons: DEMO_PERSONS,
    schools: DEMO_SCHOOLS,
    out: rosterDir,
    format: 'sds-v2.1',
    seed: 2026,
  });
  const { config } = runtime;
  const sourceSystem = await config.create(SOURCE_SYSTEMS, DEMO_SOURCE_SYSTEM);
  const inbound = await ensureInboundFlow(config);
  await bindConnectorSourceSystem(config, inbound, sourceSystem.id);
  const loaded = await loadRoster(runtime.store, runtime.box, { flowId: inbound.id, path: rosterDir });
  const flowSet = await config.create(FLOW_SETS, DEMO_FLOW_SET);
  await config.create(FLOWS, DEMO_USER_FLOW, flowSet.id);

  const directory = new DirectoryService(runtime.store);
  await directory.addSku({ skuPartNumber: FACULTY_SKU, seats: 150 });
  await directory.addSku({ skuPartNumber: STUDENT_SKU, seats: 1500 });
  const staff = readStaff(path.join(rosterDir, 'users.csv'));
  const preloaded = staff.filter((_, i) => i % 2 === 0);
  const ambiguous = staff.find((_, i) => i % 2 === 1)!;
  const accounts = [
    ...preloaded.map((s, i) => account(s, `${localPart(s.email)}.${i}@staff.contoso.edu`)),
    account(ambiguous, `${localPart(ambiguous.email)}.a@staff.contoso.edu`),
    account(ambiguous, `${localPart(ambiguous.email)}.b@staff.contoso.edu`),
  ];
  const results = await runtime.directory.createAccounts(accounts);
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`demo: ${failed.length} pre-loaded accounts could not be created`);
  return {
    people: loaded.counts.people.active,
    preloadedAccounts: accounts.length,
    ambiguousSourcedId: ambiguous.sourcedId,
  };
}

interface StaffRow {
  sourcedId: string;
  givenName: string;
  familyName: string;
  email: string;
}

function readStaff(usersCsv: string): StaffRow[] {
  const rows = parse(fs.readFileSync(usersCsv), { columns: true, bom: true }) as Record<string, string>[];
  // The generator numbers staff 2xxxx (students 1xxxx, guardians 3xxxx).
  return rows
    .filter((r) => r.sourcedId.startsWith('2') && r.email)
    .map((r) => ({ sourcedId: r.sourcedId, givenName: r.givenName, familyName: r.familyName, email: r.email }));
}

const localPart = (email: string) => email.split('@')[0];

function account(s: StaffRow, upn: string) {
  return {
    userPrincipalName: upn,
    displayName: `${s.givenName} ${s.familyName}`,
    givenName: s.givenName,
    surname: s.familyName,
    mail: s.email,
    mailNickname: localPart(upn).replace(/[^A-Za-z0-9._-]/g, ''),
    usageLocation: 'US',
    password: 'Existing-Account-2026!',
    forceChangePasswordNextSignIn: false,
  };
}
