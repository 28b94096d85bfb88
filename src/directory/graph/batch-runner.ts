import { DirectoryError } from '../errors.js';
import { isRetryable, retryAfterSeconds, toDirectoryError, type GraphAnswer } from './graph-errors.js';
import type { WriteBudget } from './write-budget.js';

/** One request inside a `$batch`: a URL relative to the API version, e.g. `/users/{id}`. */
export interface SubRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
}

export interface SubResult extends GraphAnswer {
  attempts: number;
  /**
   * An earlier attempt of this write may have been carried out although its answer was lost (a 5xx, a gateway
   * timeout or a dropped connection). A create that then meets "already exists" may have met itself.
   */
  ambiguous: boolean;
}

/** Sends one `$batch` envelope; returns the envelope's answer. Throws only for transport failures. */
export type BatchTransport = (
  requests: { id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown }[],
) => Promise<GraphAnswer>;

export interface BatchRunnerOptions {
  transport: BatchTransport;
  budget: WriteBudget;
  /** Requests per envelope (Graph's maximum: 20). */
  batchSize?: number;
  /** Envelopes in flight at once (default 4). */
  concurrency?: number;
  /** Attempts per request before its last answer is final (default 8). */
  maxAttempts?: number;
  /** Delay before a retry that came without Retry-After; doubles per attempt (default 1000 ms, at most 60 s). */
  backoffMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Item {
  index: number;
  req: SubRequest;
  write: boolean;
  attempts: number;
  ambiguous: boolean;
  notBefore: number;
}

interface RunState {
  queue: Item[];
  results: SubResult[];
  inFlight: number;
  failure?: DirectoryError;
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/**
 * Runs many Graph requests through `$batch` envelopes of up to 20, several envelopes at a time. Writes are paced by
 * the write budget. A 429, 503 or 504, for the whole envelope or for single sub-responses, re-queues just the
 * affected requests after their Retry-After (the Graph SDK retries neither sub-responses nor, here, envelopes:
 * only this runner knows which writes may already have happened). Results come back in input order.
 */
export class BatchRunner {
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Running totals, for logs and the benchmark. */
  readonly stats = { envelopes: 0, requests: 0, retries: 0, throttled: 0, faults: 0 };

  constructor(private readonly options: BatchRunnerOptions) {
    this.batchSize = Math.min(20, Math.max(1, options.batchSize ?? 20));
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 8);
    this.backoffMs = options.backoffMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Runs every request; throws a `DirectoryError` only when the service refuses the caller (401/403) outright. */
  async run(requests: readonly SubRequest[]): Promise<SubResult[]> {
    const run: RunState = {
      queue: requests.map((req, index) => ({
        index,
        req,
        write: req.method !== 'GET',
        attempts: 0,
        ambiguous: false,
        notBefore: 0,
      })),
      results: new Array(requests.length),
      inFlight: 0,
    };
    const worker = async () => {
      while (!run.failure) {
        if (run.queue.length === 0) {
          if (run.inFlight === 0) return;
          await this.sleep(5); // another envelope in flight may still re-queue work
          continue;
        }
        const now = this.now();
        const group = this.nextGroup(run.queue, now);
        if (group.length === 0) {
          const soonest = Math.min(...run.queue.map((i) => i.notBefore));
          await this.sleep(Math.max(1, Math.min(soonest - now, 100)));
          continue;
        }
        run.inFlight++;
        try {
          await this.send(group, run);
        } finally {
          run.inFlight--;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, Math.max(1, requests.length)) }, worker));
    if (run.failure) throw run.failure;
    return run.results;
  }

  /** Takes the first ready items in input order: at most one envelope, and no more writes than one budget take. */
  private nextGroup(queue: Item[], now: number): Item[] {
    const group: Item[] = [];
    let writes = 0;
    for (let i = 0; i < queue.length && group.length < this.batchSize;) {
      const item = queue[i];
      if (item.notBefore > now || (item.write && writes >= this.options.budget.maxTake)) {
        i++;
        continue;
      }
      if (item.write) writes++;
      group.push(item);
      queue.splice(i, 1);
    }
    return group;
  }

  private async send(group: Item[], run: RunState): Promise<void> {
    const writes = group.filter((i) => i.write).length;
    if (writes > 0) await this.options.budget.take(writes);
    for (const item of group) item.attempts++;
    this.stats.envelopes++;
    this.stats.requests += group.length;
    let envelope: GraphAnswer;
    try {
      envelope = await this.post(group);
    } catch (err) {
      run.failure = err instanceof DirectoryError ? err : new DirectoryError('Unavailable', String(err));
      return;
    }
    if (envelope.status === 401 || envelope.status === 403) {
      // No request of this run can succeed: a wrong secret, a missing permission or no admin consent.
      run.failure = toDirectoryError(envelope);
      return;
    }
    if (envelope.status < 200 || envelope.status > 299) {
      for (const item of group) this.settle(item, envelope, run);
      return;
    }
    const responses = (envelope.body as { responses?: unknown } | null)?.responses;
    const byId = new Map<string, GraphAnswer>();
    for (const r of Array.isArray(responses) ? responses : []) {
      const sub = r as { id?: unknown; status?: unknown; headers?: unknown; body?: unknown };
      byId.set(String(sub.id), {
        status: Number(sub.status),
        headers: lowerKeys(sub.headers),
        body: sub.body ?? null,
      });
    }
    for (const item of group) {
      const missing: GraphAnswer = { status: 0, headers: {}, body: { error: { message: 'No answer in $batch.' } } };
      this.settle(item, byId.get(String(item.index)) ?? missing, run);
    }
  }

  private async post(group: Item[]): Promise<GraphAnswer> {
    try {
      return await this.options.transport(
        group.map((i) => ({
          id: String(i.index),
          method: i.req.method,
          url: i.req.url,
          ...(i.req.body !== undefined ? { headers: JSON_HEADERS, body: i.req.body } : {}),
        })),
      );
    } catch (err) {
      if (err instanceof DirectoryError) throw err; // no token: nothing was sent
      // The connection failed: the envelope may or may not have reached the service.
      return { status: 0, headers: {}, body: { error: { code: 'NetworkError', message: String(err) } } };
    }
  }

  /** Final answer, or back into the queue after Retry-After (or a growing backoff). */
  private settle(item: Item, answer: GraphAnswer, { queue, results }: RunState): void {
    const retry = isRetryable(answer.status) || answer.status === 0;
    // A 429 is refused before it runs; a 5xx, 504 or lost connection may come after the write happened.
    if (retry && answer.status !== 429 && item.write) item.ambiguous = true;
    if (!retry || item.attempts >= this.maxAttempts) {
      results[item.index] = { ...answer, attempts: item.attempts, ambiguous: item.ambiguous };
      return;
    }
    const after = retryAfterSeconds(answer.headers);
    const delay = after !== undefined ? after * 1000 : Math.min(60_000, this.backoffMs * 2 ** (item.attempts - 1));
    if (answer.status === 429 && item.write) this.options.budget.pause(delay);
    this.stats.retries++;
    if (answer.status === 429) this.stats.throttled++;
    else this.stats.faults++;
    item.notBefore = this.now() + delay;
    const at = queue.findIndex((q) => q.index > item.index);
    queue.splice(at === -1 ? queue.length : at, 0, item);
  }
}

function lowerKeys(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === 'object') {
    for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  }
  return out;
}
