import { ENTITY_NAMES } from './model.js';
import type { EntityName, EntityRecordMap, RecordBatch, RosterRecords } from './model.js';

export type BatchListener = (batch: RecordBatch) => void | Promise<void>;

/**
 * Hands accepted records to the consumer in batches of `batchSize` per entity, or collects them all when no
 * listener is given. Listener promises are awaited after each input chunk (see csv.ts `afterChunk`), so at most
 * one chunk's worth of batches is in flight: that is the backpressure.
 */
export class RecordEmitter {
  readonly accepted = {} as Record<EntityName, number>;
  readonly collected: RosterRecords | undefined;
  private readonly buffers = new Map<EntityName, unknown[]>();
  private pending: Promise<void>[] = [];

  constructor(
    private readonly listener: BatchListener | undefined,
    private readonly batchSize: number,
  ) {
    for (const e of ENTITY_NAMES) this.accepted[e] = 0;
    this.collected = listener === undefined ? emptyRecords() : undefined;
  }

  push<E extends EntityName>(entity: E, record: EntityRecordMap[E]): void {
    this.accepted[entity]++;
    if (this.collected !== undefined) {
      (this.collected[entity] as EntityRecordMap[E][]).push(record);
      return;
    }
    let buf = this.buffers.get(entity);
    if (buf === undefined) this.buffers.set(entity, (buf = []));
    buf.push(record);
    if (buf.length >= this.batchSize) this.flush(entity);
  }

  /**
   * Sends the pending batches up to `entity` (all when omitted). Entities that come earlier in ENTITY_NAMES
   * are sent first, so a batch never reaches the consumer before the records it refers to (OneRoster 1.1
   * users.csv yields persons and roles row by row).
   */
  flush(entity?: EntityName): void {
    if (this.listener === undefined) return;
    const last = entity === undefined ? ENTITY_NAMES.length - 1 : ENTITY_NAMES.indexOf(entity);
    for (const name of ENTITY_NAMES.slice(0, last + 1)) {
      const records = this.buffers.get(name);
      if (records === undefined || records.length === 0) continue;
      this.buffers.set(name, []);
      const out = this.listener({ entity: name, records } as RecordBatch);
      if (out !== undefined) this.pending.push(out);
    }
  }

  /** Waits for the listener to finish the batches handed out so far. Rejects with the listener's error. */
  async drain(): Promise<void> {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
  }
}

export function emptyRecords(): RosterRecords {
  const out = {} as Record<EntityName, unknown[]>;
  for (const e of ENTITY_NAMES) out[e] = [];
  return out as RosterRecords;
}
