import { randomUUID } from 'node:crypto';
import { readRoster, type ReadProgress, type RosterReadResult } from '../inbound/read-roster.js';
import type { Finding, RosterFormat } from '../inbound/model.js';
import type { SecretBox } from '../lib/secrets.js';
import { graphNow } from '../lib/clock.js';
import type { Store } from '../store/database.js';
import { ensureLakeId, LakeRepository, type LakeCounts } from '../store/repositories/lake.js';
import { beginLakeLoad, lakeBatchWriter, type LakeLoad } from '../store/repositories/lake-load.js';
import { LAKE_TABLES_STATISTICS, refreshStatistics } from '../store/statistics.js';

export interface LoadOptions {
  /** The inbound flow whose lake receives the data. */
  flowId: string;
  path: string;
  format?: 'auto' | RosterFormat;
  onProgress?: (p: ReadProgress) => void;
}

export interface LoadResult {
  loadId: string;
  format: RosterFormat | null;
  mode: 'bulk' | 'delta';
  /** The finding that stopped the load; the previous data set is then left untouched. */
  catastrophic: Finding | null;
  /** Every finding (errors dropped records, warnings dropped values). */
  findings: Finding[];
  errors: number;
  warnings: number;
  findingsByCode: Record<string, number>;
  /** Active/inactive counts of the lake after the load. */
  counts: LakeCounts;
  elapsedMs: number;
}

/**
 * Reads a roster and makes it the flow's current full data set in one transaction: records seen are upserted
 * active, and (for bulk data) records not seen become inactive. A catastrophic finding, or any failure, rolls
 * everything back and leaves the previous data set; the load itself is still recorded (status `failed`).
 */
export async function loadRoster(store: Store, box: SecretBox, opts: LoadOptions): Promise<LoadResult> {
  const started = performance.now();
  const lake = new LakeRepository(store.db);
  const loadSeq = await lake.nextLoadSeq(opts.flowId);
  const loadId = randomUUID();
  await store.db
    .insertInto('inbound_loads')
    .values({
      id: loadId,
      flow_id: opts.flowId,
      load_seq: loadSeq,
      format: opts.format ?? 'auto',
      mode: 'bulk',
      status: 'running',
      started_at: graphNow(),
      finished_at: null,
      summary: null,
    })
    .execute();
  const findings: Finding[] = [];
  const ctx = { lakeId: await ensureLakeId(store.db, opts.flowId), loadSeq, seal: (p: string) => box.encrypt(p) };
  let read: RosterReadResult;
  let load: LakeLoad | undefined;
  try {
    load = await beginLakeLoad(store, ctx);
    read = await readRoster({
      path: opts.path,
      format: opts.format ?? 'auto',
      onBatch: lakeBatchWriter(load, ctx),
      batchSize: BATCH_SIZE,
      onFinding: (f) => findings.push(f),
      maxFindings: 0,
      onProgress: opts.onProgress,
    });
    if (read.catastrophic) await load.rollback();
    else {
      await load.commit({
        deactivateUnseen: read.mode === 'bulk',
        // A OneRoster 1.1 user row carries all of the user's orgs: a delta row replaces the user's roles.
        replaceRolesOfSeenPeople: read.mode === 'delta' && read.format === 'oneroster-1.1',
      });
      await refreshStatistics(store, LAKE_TABLES_STATISTICS);
    }
  } catch (err) {
    await load?.rollback().catch(() => undefined);
    await finishLoad(store, loadId, 'failed', { error: String(err) });
    throw err;
  }
  const result: LoadResult = {
    loadId,
    format: read.format,
    mode: read.mode,
    catastrophic: read.catastrophic,
    findings,
    errors: read.counts.findings.error + read.counts.findings.catastrophic,
    warnings: read.counts.findings.warning,
    findingsByCode: { ...read.counts.byCode } as Record<string, number>,
    counts: await lake.counts(opts.flowId),
    elapsedMs: performance.now() - started,
  };
  await lake.saveFindings(loadId, findings);
  const { findings: _all, ...summary } = result;
  await finishLoad(store, loadId, result.catastrophic ? 'failed' : 'completed', summary, result.format, result.mode);
  return result;
}

/** Records per batch handed to the lake writer: fewer, larger statements (PostgreSQL round trips). */
const BATCH_SIZE = 2000;

async function finishLoad(
  store: Store,
  id: string,
  status: string,
  summary: object,
  format?: string | null,
  mode?: string,
) {
  await store.db
    .updateTable('inbound_loads')
    .set({
      status,
      finished_at: graphNow(),
      summary: JSON.stringify(summary),
      ...(format ? { format } : {}),
      ...(mode ? { mode } : {}),
    })
    .where('id', '=', id)
    .execute();
}
