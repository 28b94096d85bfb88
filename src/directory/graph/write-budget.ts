/** A write limit as Microsoft publishes them: at most `writes` writes in any window of `windowSeconds`. */
export interface WriteLimit {
  writes: number;
  windowSeconds: number;
}

/** The two write limits Microsoft Graph applies to user creation and updates. */
export interface WriteLimits {
  /** Per application and tenant. */
  perAppTenant: WriteLimit;
  /** Per tenant, all applications together. */
  perTenant: WriteLimit;
}

/**
 * Graph's published identity write limits (`concepts/throttling-limits.md`, identity and access): 3,000 writes per
 * 150 s per app+tenant and 18,000 writes per 5 min per tenant. The per-app+tenant limit binds first (20 writes/s).
 */
export const GRAPH_WRITE_LIMITS: WriteLimits = {
  perAppTenant: { writes: 3000, windowSeconds: 150 },
  perTenant: { writes: 18000, windowSeconds: 300 },
};

/**
 * Divides both the writes and the window of every limit by `factor` (3,000/150 s at 10 → 300/15 s): the same
 * writes per second, reached after a shorter warm-up. Used by tests and the benchmark.
 */
export function scaleLimits(limits: WriteLimits, factor: number): WriteLimits {
  const scale = (l: WriteLimit): WriteLimit => ({
    writes: Math.max(1, Math.round(l.writes / factor)),
    windowSeconds: l.windowSeconds / factor,
  });
  return { perAppTenant: scale(limits.perAppTenant), perTenant: scale(limits.perTenant) };
}

/** Parses `3000/150` or `3000/150,18000/300` (per app+tenant, then per tenant); the tenant limit is optional. */
export function parseLimits(spec: string, defaults: WriteLimits = GRAPH_WRITE_LIMITS): WriteLimits {
  const parts = spec.split(',').map((p) => p.trim());
  const one = (part: string): WriteLimit => {
    const m = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)s?$/.exec(part);
    if (!m || Number(m[1]) < 1 || Number(m[2]) <= 0) {
      throw new Error(`'${part}' is not a write limit: use <writes>/<seconds>, e.g. 3000/150`);
    }
    return { writes: Number(m[1]), windowSeconds: Number(m[2]) };
  };
  if (parts.length < 1 || parts.length > 2 || parts[0] === '') {
    throw new Error(`'${spec}' is not a write limit list: use 3000/150 or 3000/150,18000/300`);
  }
  return { perAppTenant: one(parts[0]), perTenant: parts[1] ? one(parts[1]) : defaults.perTenant };
}

/** The steady rate a set of limits allows, in writes per second (the tightest limit). */
export function allowedRate(limits: WriteLimits): number {
  return Math.min(
    limits.perAppTenant.writes / limits.perAppTenant.windowSeconds,
    limits.perTenant.writes / limits.perTenant.windowSeconds,
  );
}

export interface WriteBudgetOptions {
  limits?: WriteLimits;
  /** Writes that may go out at once after a quiet spell (default: 10 % of the tightest limit, at least 20). */
  burst?: number;
  /** Share of each limit left unused for clock and network jitter (default 0.01). */
  headroom?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Writes sent in the last `windowMs`, as (time, count) entries. */
interface Window {
  usable: number;
  windowMs: number;
  log: { at: number; n: number }[];
  head: number;
  count: number;
}

/**
 * Paces writes under Graph's limits. Two mechanisms:
 * - one sliding window per limit admits a write only while fewer than L·(1-headroom) writes went out in the last W
 *   seconds: the limit holds in ANY window, the strictest reading of "3,000 writes per 150 s";
 * - a token bucket at the limit's rate (capacity `burst`) spreads the writes out evenly, and after a quiet spell (the
 *   caller reading accounts back, a slow batch) lets up to `burst` writes catch up at once.
 * `pause` stops all writes after a 429, as Graph asks of throttled clients.
 */
export class WriteBudget {
  private readonly windows: Window[];
  private readonly bucket: { capacity: number; rate: number; tokens: number; at: number };
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: WriteBudgetOptions = {}) {
    const limits = options.limits ?? GRAPH_WRITE_LIMITS;
    const headroom = options.headroom ?? 0.01;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.windows = [limits.perAppTenant, limits.perTenant].map((l) => ({
      usable: Math.max(1, Math.floor(l.writes * (1 - headroom))),
      windowMs: l.windowSeconds * 1000,
      log: [],
      head: 0,
      count: 0,
    }));
    const usable = Math.min(...this.windows.map((w) => w.usable));
    const capacity = Math.max(1, Math.min(usable, options.burst ?? Math.max(20, Math.round(usable / 10))));
    const rate = Math.min(...this.windows.map((w) => w.usable / w.windowMs)); // tokens per millisecond
    this.bucket = { capacity, rate, tokens: capacity, at: this.now() };
  }

  /** The largest number of writes one `take` gets at once. */
  get maxTake(): number {
    return this.bucket.capacity;
  }

  /** Writes per second this budget lets through in the long run. */
  get rate(): number {
    return this.bucket.rate * 1000;
  }

  /** Waits until `n` writes fit every limit, then spends them. Callers are served first come, first served. */
  take(n: number): Promise<void> {
    const turn = this.queue.then(async () => {
      // More than one burst is taken burst by burst.
      for (let left = n; left > 0; left -= this.maxTake) await this.waitFor(Math.min(left, this.maxTake));
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Holds every write back until `ms` from now (a 429's Retry-After). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private async waitFor(n: number): Promise<void> {
    for (;;) {
      const now = this.now();
      const b = this.bucket;
      b.tokens = Math.min(b.capacity, b.tokens + (now - b.at) * b.rate);
      b.at = now;
      const wait = Math.max(
        this.pausedUntil - now,
        b.tokens >= n ? 0 : (n - b.tokens) / b.rate,
        ...this.windows.map((w) => windowWait(w, n, now)),
      );
      if (wait <= 0) {
        b.tokens -= n;
        for (const w of this.windows) {
          w.log.push({ at: now, n });
          w.count += n;
        }
        return;
      }
      await this.sleep(Math.ceil(wait));
    }
  }
}

/** Milliseconds until `n` more writes fit the window; drops entries that have left it. */
function windowWait(w: Window, n: number, now: number): number {
  while (w.head < w.log.length && w.log[w.head].at <= now - w.windowMs) w.count -= w.log[w.head++].n;
  if (w.head > 1024) [w.log, w.head] = [w.log.slice(w.head), 0];
  let excess = w.count + n - w.usable;
  if (excess <= 0) return 0;
  for (let i = w.head; i < w.log.length; i++) {
    excess -= w.log[i].n;
    if (excess <= 0) return w.log[i].at + w.windowMs - now;
  }
  return w.windowMs; // cannot happen while n <= usable
}
