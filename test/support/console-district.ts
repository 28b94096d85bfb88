import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { FLOW_SETS, FLOWS, ROLE_GROUPS_URL, SOURCE_SYSTEMS } from '../../src/configuration/entity-sets.js';
import { createConsoleSignInLink } from '../../src/console/index.js';
import { DirectoryService } from '../../src/directory/embedded/index.js';
import { generateDistrict } from '../../src/inbound/generate/generate-district.js';
import { ensureInboundFlow } from '../../src/ingest/default-setup.js';
import { loadRoster } from '../../src/ingest/load-roster.js';
import type { Runtime } from '../../src/main.js';

const PASSWORD_TYPE = '#microsoft.graph.industryData.simplePasswordSettings';

export interface ConsoleDistrict {
  flowSetId: string;
  flowId: string;
  /** A staff member whose email two accounts carry as mail: an ambiguous match, so a conflict. */
  ambiguous: { sourcedId: string; name: string; email: string; candidateUpns: [string, string] };
}

/**
 * A generated district set up the way an operator would: a source system (staff matched on email → mail, students
 * on username → userPrincipalName), a flow set with a userProvisioningFlow, licence SKUs, the roster loaded, and a
 * few existing accounts — two of them sharing a staff member's email.
 */
export async function prepareConsoleDistrict(
  runtime: Runtime,
  opts: { persons: number; dir: string },
): Promise<ConsoleDistrict> {
  const { config } = runtime;
  const rosterDir = path.join(opts.dir, 'roster');
  await generateDistrict({ persons: opts.persons, format: 'sds-v2.1', out: rosterDir });
  await config.create(SOURCE_SYSTEMS, {
    displayName: 'Contoso SIS',
    userMatchingSettings: [
      rule('staff', 'email', 'mail', 0),
      { ...rule('students', 'username', 'userPrincipalName', 1), domainName: 'contoso.edu' },
    ],
  });
  const flowSet = await config.create(FLOW_SETS, { displayName: 'Contoso district' });
  const flow = await config.create(
    FLOWS,
    {
      '@odata.type': '#microsoft.graph.industryData.userProvisioningFlow',
      createUnmatchedUsers: true,
      managementOptions: {
        additionalAttributes: ['userGradeLevel'],
        additionalOptions: { studentAgeGroup: 'minor', allowStudentContactAssociation: false },
      },
      creationOptions: {
        configurations: [
          creation('staff', 'Welcome-Staff-2026!', ['STANDARDWOFFPACK_FACULTY']),
          creation('students', 'Welcome-Student-2026!', ['STANDARDWOFFPACK_STUDENT']),
        ],
      },
    },
    flowSet.id,
  );
  const inbound = await ensureInboundFlow(config);
  await loadRoster(runtime.store, runtime.box, { flowId: inbound.id, path: rosterDir });

  const directory = new DirectoryService(runtime.store);
  for (const sku of ['STANDARDWOFFPACK_FACULTY', 'STANDARDWOFFPACK_STUDENT', 'M365EDU_A3_STUDENT']) {
    await directory.addSku({ skuPartNumber: sku, seats: 5000 });
  }
  const staff = readStaff(path.join(rosterDir, 'users.csv'));
  const target = staff[1];
  const [first, last] = [target.givenName.toLowerCase(), target.familyName.toLowerCase()];
  const candidateUpns: [string, string] = [`${first}.${last}@contoso.edu`, `${first[0]}${last}@contoso.edu`];
  for (const upn of candidateUpns)
    await account(directory, upn, `${target.givenName} ${target.familyName}`, target.email);
  // An account an earlier system created for another staff member (matched by mail) and two unrelated ones.
  await account(
    directory,
    'principal.office@contoso.edu',
    `${staff[0].givenName} ${staff[0].familyName}`,
    staff[0].email,
  );
  await account(directory, 'it.helpdesk@contoso.edu', 'IT Helpdesk', 'helpdesk@contoso.edu');
  await account(directory, 'library.kiosk@contoso.edu', 'Library Kiosk', null);
  return {
    flowSetId: flowSet.id,
    flowId: flow.id,
    ambiguous: {
      sourcedId: target.sourcedId,
      name: `${target.givenName} ${target.familyName}`,
      email: target.email,
      candidateUpns,
    },
  };
}

/** Opens a console session through a one-time link; returns the cookie and the page's anti-forgery token. */
export async function signInByInject(
  app: FastifyInstance,
  runtime: Runtime,
): Promise<{ cookie: string; csrf: string }> {
  const link = new URL(await createConsoleSignInLink(runtime, 'http://localhost'));
  const res = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
  const setCookie = String(res.headers['set-cookie']);
  const cookie = setCookie.split(';')[0];
  const page = await app.inject({ method: 'GET', url: '/console', headers: { cookie } });
  const csrf = /name="_csrf"\s+value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error('no anti-forgery token on the overview page');
  return { cookie, csrf };
}

function rule(group: string, source: string, target: string, priorityOrder: number) {
  return {
    'roleGroup@odata.bind': `${ROLE_GROUPS_URL}/${group}`,
    sourceIdentifier: { code: source },
    matchTarget: { code: target },
    priorityOrder,
  };
}

function creation(group: string, password: string, licenseSkus: string[]) {
  return {
    'roleGroup@odata.bind': `${ROLE_GROUPS_URL}/${group}`,
    defaultPasswordSettings: { '@odata.type': PASSWORD_TYPE, password },
    licenseSkus,
  };
}

async function account(directory: DirectoryService, upn: string, displayName: string, mail: string | null) {
  await directory.create({
    userPrincipalName: upn,
    displayName,
    mail,
    password: 'Existing-Account-1!',
    forceChangePasswordNextSignIn: false,
    usageLocation: 'US',
  });
}

interface StaffRow {
  sourcedId: string;
  givenName: string;
  familyName: string;
  email: string;
}

/** Staff rows (sourcedIds starting with 2) of a generated SDS users.csv; the generator writes no quoted fields. */
function readStaff(file: string): StaffRow[] {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const cols = header.split(',');
  const at = (name: string) => cols.indexOf(name);
  return lines
    .map((l) => l.split(','))
    .filter((c) => c[at('sourcedId')].startsWith('2'))
    .map((c) => ({
      sourcedId: c[at('sourcedId')],
      givenName: c[at('givenName')],
      familyName: c[at('familyName')],
      email: c[at('email')],
    }));
}
