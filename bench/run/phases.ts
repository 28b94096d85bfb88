/** The phases of bench/run/run.ts, each run in a child process of its own. */
import path from 'node:path';
import { FLOW_SETS, FLOWS, ROLE_GROUPS_URL, SOURCE_SYSTEMS } from '../../src/configuration/entity-sets.js';
import { DirectoryService } from '../../src/directory/embedded/index.js';
import { bindConnectorSourceSystem } from '../../src/engine/setup-file.js';
import { DEFAULT_SOURCE_SYSTEM, ensureInboundFlow } from '../../src/ingest/default-setup.js';
import { loadRoster } from '../../src/ingest/load-roster.js';
import { openRuntime } from '../../src/main.js';
import { RunService } from '../../src/engine/run-service.js';
import { DEFAULT_ENGINE_OPTIONS } from '../../src/engine/types.js';
import { writeRunReport } from '../../src/reports/run-report.js';

const SKUS = { staff: 'a1b2c3d4-0000-4000-8000-00000000a001', students: 'a1b2c3d4-0000-4000-8000-00000000a002' };

export interface PhaseResult {
  phase: string;
  persons: number;
  ms: number;
  peakRssMb: number;
  /** CPU time of the process (user + system, all threads): steadier than wall time on a busy machine. */
  cpuMs?: number;
  writes?: number;
  detail?: string;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

export async function runPhase(phase: string, data: string, db: string): Promise<PhaseResult> {
  const runtime = await openRuntime(db);
  try {
    if (phase === 'prepare') {
      const directory = new DirectoryService(runtime.store);
      await directory.addSku({ skuPartNumber: 'STAFF_A3', skuId: SKUS.staff, seats: 1_000_000 });
      await directory.addSku({ skuPartNumber: 'STUDENT_A1', skuId: SKUS.students, seats: 1_000_000 });
      const sourceSystem = await runtime.config.create(SOURCE_SYSTEMS, DEFAULT_SOURCE_SYSTEM);
      const flowSet = await runtime.config.create(FLOW_SETS, { displayName: 'District' });
      await runtime.config.create(FLOWS, userFlow(), flowSet.id);
      const inbound = await ensureInboundFlow(runtime.config);
      await bindConnectorSourceSystem(runtime.config, inbound, sourceSystem.id);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const loaded = await loadRoster(runtime.store, runtime.box, { flowId: inbound.id, path: data });
      const used = process.cpuUsage(cpu);
      if (loaded.catastrophic) throw new Error(loaded.catastrophic.message);
      return {
        phase: 'import (setup, not a run)',
        persons: loaded.counts.people.active,
        ms: performance.now() - started,
        cpuMs: (used.user + used.system) / 1000,
        peakRssMb: peakRssMb(),
        detail: 'people incl. guardians',
      };
    }
    // The engine alone: the report files `rosterlink run` writes afterwards are timed on their own.
    const runs = new RunService({
      store: runtime.store,
      config: runtime.config,
      ingest: runtime.ingest,
      box: runtime.box,
      adapter: runtime.directory,
      options: DEFAULT_ENGINE_OPTIONS,
      reveal: (sealed) => runtime.box.decrypt(sealed),
    });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const { done } = await runs.start();
    const summary = await done;
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const rss = peakRssMb();
    const reportStarted = performance.now();
    await writeRunReport(runtime, summary.runId, path.join(runtime.store.homeDir!, 'reports'));
    const reportMs = performance.now() - reportStarted;
    const d = summary.decisions;
    return {
      phase,
      persons: Object.values(d).reduce((n, c) => n + c, 0),
      ms,
      peakRssMb: rss,
      cpuMs: (used.user + used.system) / 1000,
      writes: summary.writes,
      detail:
        `${summary.status}; create ${d.create}, link ${d.link}, noop ${d.noop}, conflict ${d.conflict}; ` +
        `report files after the run ${(reportMs / 1000).toFixed(1)} s`,
    };
  } finally {
    await runtime.close();
  }
}

function userFlow() {
  const configuration = (group: 'staff' | 'students', password: string) => ({
    'roleGroup@odata.bind': `${ROLE_GROUPS_URL}/${group}`,
    defaultPasswordSettings: { '@odata.type': '#microsoft.graph.industryData.simplePasswordSettings', password },
    licenseSkus: [SKUS[group]],
  });
  return {
    '@odata.type': '#microsoft.graph.industryData.userProvisioningFlow',
    createUnmatchedUsers: true,
    creationOptions: {
      configurations: [configuration('staff', 'Staff-Bench-Pass-1'), configuration('students', 'Student-Bench-2')],
    },
    managementOptions: {
      additionalAttributes: ['userGradeLevel', 'userNumber'],
      additionalOptions: { studentAgeGroup: 'minor', allowStudentContactAssociation: true },
    },
  };
}
