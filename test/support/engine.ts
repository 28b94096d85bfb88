import fs from 'node:fs';
import path from 'node:path';
import { ACTIVITIES, FLOWS, FLOW_SETS, RUNS, SOURCE_SYSTEMS } from '../../src/configuration/entity-sets.js';
import type { Doc } from '../../src/configuration/configuration-service.js';
import { DirectoryService } from '../../src/directory/embedded/index.js';
import type { DirectoryAdapter } from '../../src/directory/types.js';
import { RunService, type RunSummary } from '../../src/engine/run-service.js';
import { bindConnectorSourceSystem } from '../../src/engine/setup-file.js';
import type { EngineOptions, ResultRow } from '../../src/engine/types.js';
import { ensureInboundFlow } from '../../src/ingest/default-setup.js';
import { loadRoster } from '../../src/ingest/load-roster.js';
import type { Runtime } from '../../src/main.js';
import { RunResultRepository } from '../../src/store/repositories/run-results.js';

/** Helpers for engine tests: configuration in the Graph JSON bodies the API takes, data loads and runs. */

export { ROLE_GROUPS_URL as ROLE_GROUP_URL } from '../../src/configuration/entity-sets.js';
import { ROLE_GROUPS_URL as ROLE_GROUP_URL } from '../../src/configuration/entity-sets.js';
export const STAFF_SKU = '6fd2c87f-b296-42f0-b197-1e91e994b900';
export const STUDENT_SKU = '314c4481-f395-4525-be8b-2ec4bb1e9d91';
export const STAFF_PASSWORD = 'Staff-Default-1!';
export const STUDENT_PASSWORD = 'Student-Default-2!';

export interface MatchingSetting {
  sourceIdentifier?: string;
  matchTarget?: string;
  domainName?: string | null;
}

/** A sourceSystemDefinition body with one userMatchingSetting per role group (staff first, as Microsoft's). */
export function sourceSystemBody(staff: MatchingSetting = {}, students: MatchingSetting = {}) {
  const setting = (group: string, priorityOrder: number, s: MatchingSetting) => ({
    'roleGroup@odata.bind': `${ROLE_GROUP_URL}/${group}`,
    sourceIdentifier: { code: s.sourceIdentifier ?? 'username' },
    matchTarget: { code: s.matchTarget ?? 'userPrincipalName' },
    ...(s.domainName ? { domainName: s.domainName } : {}),
    priorityOrder,
  });
  return {
    displayName: 'Test SIS',
    userMatchingSettings: [setting('staff', 0, staff), setting('students', 1, students)],
  };
}

/** A userProvisioningFlow body with creation on, licences per role group and every management option. */
export function userFlowBody(over: Record<string, unknown> = {}) {
  const configuration = (group: string, password: string, sku: string) => ({
    'roleGroup@odata.bind': `${ROLE_GROUP_URL}/${group}`,
    defaultPasswordSettings: {
      '@odata.type': '#microsoft.graph.industryData.simplePasswordSettings',
      password,
    },
    licenseSkus: [sku],
  });
  return {
    '@odata.type': '#microsoft.graph.industryData.userProvisioningFlow',
    createUnmatchedUsers: true,
    creationOptions: {
      configurations: [
        configuration('staff', STAFF_PASSWORD, STAFF_SKU),
        configuration('students', STUDENT_PASSWORD, STUDENT_SKU),
      ],
    },
    managementOptions: {
      additionalAttributes: ['userGradeLevel', 'userNumber'],
      additionalOptions: { studentAgeGroup: 'minor', allowStudentContactAssociation: true },
    },
    ...over,
  };
}

export interface Configured {
  sourceSystem: Doc;
  flowSet: Doc;
  flow: Doc;
  inbound: Doc;
}

/** Creates a source system, a flow set with one user flow, and the default inbound flow bound to the system. */
export async function configure(
  runtime: Runtime,
  opts: { sourceSystem?: unknown; flow?: unknown; flowSet?: unknown } = {},
): Promise<Configured> {
  const { config } = runtime;
  const sourceSystem = await config.create(SOURCE_SYSTEMS, opts.sourceSystem ?? sourceSystemBody());
  const flowSet = await config.create(FLOW_SETS, opts.flowSet ?? { displayName: 'All schools' });
  const flow = await config.create(FLOWS, opts.flow ?? userFlowBody(), flowSet.id);
  const inbound = await ensureInboundFlow(config);
  await bindConnectorSourceSystem(config, inbound, sourceSystem.id);
  return { sourceSystem, flowSet, flow, inbound };
}

export async function load(runtime: Runtime, inbound: Doc, dir: string): Promise<void> {
  const loaded = await loadRoster(runtime.store, runtime.box, { flowId: inbound.id, path: dir });
  if (loaded.catastrophic) throw new Error(`load failed: ${loaded.catastrophic.message}`);
}

export interface RunOutcome extends RunSummary {
  rows: ResultRow[];
  run: Doc;
  activities: Doc[];
  statistics: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- Graph JSON
}

/** Starts a run, waits for it and reads back its record, activities and per-person results. */
export async function runOnce(runtime: Runtime, runs: RunService = runtime.runs): Promise<RunOutcome> {
  const { done } = await runs.start();
  const summary = await done;
  const run = await runtime.config.get(RUNS, summary.runId);
  const activities = await runtime.config.docs.list<Record<string, unknown>>(ACTIVITIES.collection, summary.runId);
  const rows = await new RunResultRepository(runtime.store.db).list(summary.runId);
  return { ...summary, rows, run, activities, statistics: run.data._statistics as Record<string, unknown> };
}

/** A RunService over the same runtime with other engine options (e.g. deprovision: 'disable') or directory. */
export function runServiceWith(
  runtime: Runtime,
  options: Partial<EngineOptions>,
  adapter: DirectoryAdapter = runtime.directory,
): RunService {
  return new RunService({
    store: runtime.store,
    config: runtime.config,
    ingest: runtime.ingest,
    box: runtime.box,
    adapter,
    options: { usageLocation: 'US', deprovision: 'none', ...options },
    reveal: (sealed) => runtime.box.decrypt(sealed),
  });
}

export async function addSkus(runtime: Runtime, staffSeats: number, studentSeats: number): Promise<void> {
  const service = new DirectoryService(runtime.store);
  await service.addSku({ skuPartNumber: 'STAFF_A3', skuId: STAFF_SKU, seats: staffSeats });
  await service.addSku({ skuPartNumber: 'STUDENT_A1', skuId: STUDENT_SKU, seats: studentSeats });
}

/** Every directory row, for checks the account shape does not carry (password hash, force-change flag). */
export function directoryRows(runtime: Runtime) {
  return runtime.store.db.selectFrom('directory_users').selectAll().orderBy('upn_lower').execute();
}

export const byId = <T extends { sourcedId: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.sourcedId, r]));

/** Rewrites one CSV of a roster folder: `edit` gets the header and the rows split on commas (no quoted commas). */
export function editCsv(dir: string, file: string, edit: (header: string[], rows: string[][]) => string[][]): void {
  const full = path.join(dir, file);
  const [head, ...lines] = fs.readFileSync(full, 'utf8').trimEnd().split(/\r?\n/);
  const header = head.split(',');
  const rows = edit(
    header,
    lines.map((l) => l.split(',')),
  );
  fs.writeFileSync(full, `${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`);
}

/** Copies a roster folder. */
export function copyRoster(from: string, to: string): string {
  fs.cpSync(from, to, { recursive: true });
  return to;
}
