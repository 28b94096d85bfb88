import { randomUUID } from 'node:crypto';
import type { Doc } from '../configuration/configuration-service.js';
import { ACTIVITIES, FLOWS, FLOW_SETS, INBOUND_FLOWS, RUNS } from '../configuration/entity-sets.js';
import type { IngestService } from '../ingest/ingest-service.js';
import { graphNow } from '../lib/clock.js';
import { conflict } from '../lib/errors.js';
import type { SecretBox } from '../lib/secrets.js';
import { TYPE_KEY } from '../model/read-body.js';
import { inboundFlowActivity, outboundFlowActivity } from '../model/run-types.js';
import { userProvisioningFlow } from '../model/outbound-types.js';
import { LakeRepository } from '../store/repositories/lake.js';
import { phaseTrace } from '../lib/phase-trace.js';
import { RunResultRepository } from '../store/repositories/run-results.js';
import { refreshStatistics, RUN_TABLES_STATISTICS } from '../store/statistics.js';
import { runInboundFlow } from './inbound-activity.js';
import { lakeHasPeople } from './scope.js';
import { decisionCounts, inboundResults, mergeRoleCounts, peopleByRole, type RoleCount } from './statistics.js';
import type { Decision, ResultRow } from './types.js';
import { executeUserFlow, planUserFlow, type EngineDeps } from './user-flow.js';

export type RunStatus = 'running' | 'failed' | 'completed' | 'completedWithErrors' | 'completedWithWarnings';
type ActivityStatus =
  'inProgress' | 'skipped' | 'failed' | 'completed' | 'completedWithErrors' | 'completedWithWarnings';

export interface RunDeps extends EngineDeps {
  ingest: IngestService;
  box: SecretBox;
  /** Called when a run has finished (reports); a failure here is logged by the caller, not the run's. */
  afterRun?: (runId: string) => Promise<void>;
}

export interface RunSummary {
  runId: string;
  status: RunStatus;
  decisions: Record<Decision, number>;
  writes: number;
}

/**
 * Runs: every ready inbound flow's activity, then every flow set's flows, recorded as Graph `industryDataRun`s with
 * activities, statistics and per-person results. One run at a time per process. A run left `running` by a crash is
 * executed again under the same id by `recover()`: planning starts from the directory's real state and created
 * accounts carry their anchor, so the repeat links what the interrupted run created instead of creating it again.
 */
export class RunService {
  private active: Promise<RunSummary> | null = null;
  private readonly results: RunResultRepository;

  constructor(private readonly deps: RunDeps) {
    this.results = new RunResultRepository(deps.store.db);
  }

  /** Receives progress of plan and apply steps (the CLI shows it as progress bars). */
  setProgressListener(listener: RunDeps['onProgress']): void {
    this.deps.onProgress = listener;
  }

  get running(): boolean {
    return this.active !== null;
  }

  /** Creates the run record and starts it; `done` settles when it finishes. */
  async start(): Promise<{ id: string; done: Promise<RunSummary> }> {
    if (this.active) throw conflict('A run is already in progress; wait for it to finish.');
    const id = randomUUID();
    // `active` is taken before the first await, so two concurrent starts cannot both pass the check above.
    const recorded = this.recordRun(id);
    const done = this.track(recorded.then(() => this.execute(id)));
    // A failed insert is reported by start() itself; `done` then carries the same error.
    done.catch(() => undefined);
    await recorded;
    return { id, done };
  }

  private async recordRun(id: string): Promise<void> {
    const now = graphNow();
    const data = {
      id,
      displayName: `Run ${now.slice(0, 16).replace('T', ' ')} UTC`,
      startDateTime: now,
      endDateTime: null,
      status: 'running',
      blockingError: null,
    };
    await this.deps.config.docs.insert({
      collection: RUNS.collection,
      id,
      parentId: null,
      type: RUNS.type.name,
      data,
      createdAt: now,
      modifiedAt: now,
    });
  }

  /** Re-executes runs a crash left `running`; returns their ids. */
  async recover(): Promise<string[]> {
    const stale = (await this.deps.config.docs.list<Record<string, unknown>>(RUNS.collection)).filter(
      (r) => r.data.status === 'running',
    );
    for (const run of stale) {
      await this.deps.config.docs.deleteChildren(ACTIVITIES.collection, run.id);
      await this.results.clear(run.id);
      await this.track(this.execute(run.id));
    }
    return stale.map((r) => r.id);
  }

  /** Dry run: the plan rows of every ready user flow, computed without writing anything. */
  async plan(): Promise<ResultRow[]> {
    const rows: ResultRow[] = [];
    const inbounds = await this.inboundFlowsWithData();
    for (const { flowSet, flow } of await this.userFlows()) {
      for (const inbound of inbounds) {
        const planned = await planUserFlow(this.deps, { flowSet, flow, inboundFlow: inbound });
        rows.push(
          ...planned.rows.map((r) => ({ ...r, outcome: 'planned' as const, errorCode: null, errorMessage: null })),
        );
      }
    }
    return rows;
  }

  private track(run: Promise<RunSummary>): Promise<RunSummary> {
    const promise = run.finally(() => {
      this.active = null;
    });
    this.active = promise;
    return promise;
  }

  private async execute(runId: string): Promise<RunSummary> {
    const { config } = this.deps;
    const stats: Record<string, unknown>[] = [];
    const inboundTotals = { errors: 0, warnings: 0, groups: 0, memberships: 0, organizations: 0, people: 0 };
    const byRole: { matched: RoleCount[][]; unmatched: RoleCount[][] } = { matched: [], unmatched: [] };
    const decisions = decisionCounts([]);
    let writes = 0;
    let failedInbound = false;
    let anyErrors = false;
    let anyWarnings = false;

    const inboundStats = new Map<string, Record<string, unknown>>();
    const inboundsWithData: Doc[] = [];
    for (const inbound of await config.list(INBOUND_FLOWS)) {
      const act = await this.newActivity(runId, inboundFlowActivity.name, String(inbound.data.displayName));
      const outcome = await runInboundFlow(this.deps, inbound);
      failedInbound ||= outcome.status === 'failed';
      anyErrors ||= outcome.errors > 0;
      anyWarnings ||= outcome.warnings > 0;
      inboundTotals.errors += outcome.errors;
      inboundTotals.warnings += outcome.warnings;
      await this.finishActivity(act, outcome.status, outcome.blockingError);
      const counts = await new LakeRepository(this.deps.store.db).counts(inbound.id);
      if (counts.people.active + counts.people.inactive > 0) inboundsWithData.push(inbound);
      inboundTotals.people += counts.people.active;
      inboundTotals.organizations += counts.orgs.active;
      inboundTotals.groups += counts.groups.active;
      inboundTotals.memberships += counts.memberships.active;
      const entry = {
        '@odata.type': '#microsoft.graph.industryData.inboundActivityResults',
        activityId: act.id,
        displayName: act.data.displayName,
        status: outcome.status,
        ...inboundResults(counts, outcome.errors, outcome.warnings, { matched: [], unmatched: [] }),
      };
      inboundStats.set(inbound.id, entry);
      stats.push(entry);
    }

    let seq = 0;
    for (const { flowSet, flow } of await this.allFlows()) {
      const act = await this.newActivity(
        runId,
        outboundFlowActivity.name,
        `${String(flowSet.data.displayName)}: ${flow.type.slice(flow.type.lastIndexOf('.') + 1)}`,
      );
      let status: ActivityStatus = 'completed';
      let blocking: { code: string; message: string } | null = null;
      if (failedInbound) {
        status = 'skipped';
        blocking = { code: 'InboundFailed', message: 'An inbound flow failed validation; outbound flows did not run.' };
      } else if (flow.type !== userProvisioningFlow.name) {
        status = 'skipped';
        blocking = {
          code: 'NotImplemented',
          message: `${flow.type} is not implemented by rosterlink; it is kept but not run.`,
        };
      } else {
        for (const inbound of inboundsWithData) {
          const {
            results,
            writes: w,
            plan,
          } = await executeUserFlow(this.deps, { flowSet, flow, inboundFlow: inbound }, runId);
          // The plan says why a flow cannot run (no matching rule, no default password): nothing was written.
          if (plan.readiness.status !== 'ready') {
            status = 'skipped';
            blocking = { code: 'NotReady', message: plan.readiness.reason ?? 'The flow is not ready.' };
            break;
          }
          writes += w;
          // The next flow's plan, and the next run's, read what this apply wrote.
          if (w > 0) await refreshStatistics(this.deps.store, RUN_TABLES_STATISTICS);
          const mark = phaseTrace('results');
          await this.results.save(runId, flow.id, results, seq);
          mark(`saved ${results.length} rows`);
          seq += results.length;
          for (const [k, v] of Object.entries(decisionCounts(results))) decisions[k as Decision] += v;
          const roles = peopleByRole(results);
          byRole.matched.push(roles.matched);
          byRole.unmatched.push(roles.unmatched);
          const entry = inboundStats.get(inbound.id);
          if (entry) {
            entry.matchedPeopleByRole = mergeRoleCounts([entry.matchedPeopleByRole as RoleCount[], roles.matched]);
            entry.unmatchedPeopleByRole = mergeRoleCounts([
              entry.unmatchedPeopleByRole as RoleCount[],
              roles.unmatched,
            ]);
          }
          if (results.some((r) => r.decision === 'conflict' || r.outcome === 'failed' || r.errorCode))
            status = 'completedWithErrors';
        }
        await this.consumeReset(flow);
      }
      anyErrors ||= status === 'completedWithErrors';
      await this.finishActivity(act, status, blocking);
      stats.push({ activityId: act.id, displayName: act.data.displayName, status });
    }

    const status: RunStatus = failedInbound
      ? 'failed'
      : anyErrors
        ? 'completedWithErrors'
        : anyWarnings
          ? 'completedWithWarnings'
          : 'completed';
    const statistics = {
      runId,
      status,
      activityStatistics: stats,
      inboundTotals: {
        ...inboundTotals,
        matchedPeopleByRole: mergeRoleCounts(byRole.matched),
        unmatchedPeopleByRole: mergeRoleCounts(byRole.unmatched),
      },
    };
    const run = await config.get(RUNS, runId);
    const now = graphNow();
    await config.docs.replace(
      RUNS.collection,
      runId,
      { ...run.data, status, endDateTime: now, _statistics: statistics, _decisions: decisions, _writes: writes },
      now,
    );
    await this.deps.afterRun?.(runId);
    return { runId, status, decisions, writes };
  }

  private async newActivity(runId: string, type: string, displayName: string): Promise<Doc> {
    const id = randomUUID();
    const now = graphNow();
    const data = {
      [TYPE_KEY]: type,
      id,
      displayName: displayName.slice(0, 100),
      status: 'inProgress',
      blockingError: null,
    };
    const doc: Doc = {
      collection: ACTIVITIES.collection,
      id,
      parentId: runId,
      type,
      data,
      createdAt: now,
      modifiedAt: now,
    };
    await this.deps.config.docs.insert(doc);
    return doc;
  }

  private async finishActivity(act: Doc, status: ActivityStatus, blocking: { code: string; message: string } | null) {
    const blockingError = blocking ? { ...blocking, target: null, details: [], innerError: null } : null;
    await this.deps.config.docs.replace(
      ACTIVITIES.collection,
      act.id,
      { ...act.data, status, blockingError },
      graphNow(),
    );
  }

  /** `reset` asks the next run to reprocess everything: every run does, so it only needs acknowledging. */
  private async consumeReset(flow: Doc) {
    if (!flow.data._resetRequestedDateTime) return;
    const { _resetRequestedDateTime: _r, ...rest } = flow.data;
    await this.deps.config.docs.replace(FLOWS.collection, flow.id, rest, flow.modifiedAt);
  }

  private async allFlows(): Promise<{ flowSet: Doc; flow: Doc }[]> {
    const out: { flowSet: Doc; flow: Doc }[] = [];
    for (const flowSet of await this.deps.config.list(FLOW_SETS)) {
      for (const flow of await this.deps.config.list(FLOWS, flowSet.id)) out.push({ flowSet, flow });
    }
    return out;
  }

  private async userFlows() {
    return (await this.allFlows()).filter((f) => f.flow.type === userProvisioningFlow.name);
  }

  private async inboundFlowsWithData(): Promise<Doc[]> {
    const flows = await this.deps.config.list(INBOUND_FLOWS);
    const out: Doc[] = [];
    for (const f of flows) if (await lakeHasPeople(this.deps.store.db, f.id)) out.push(f);
    return out;
  }
}
