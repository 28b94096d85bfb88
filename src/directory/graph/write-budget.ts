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
  /** Largest burst, in writes; at least one `$batch` worth (default 20). */
  burst?: number;
  /** Share of each limit left unused for clock and network jitter (default 0.01). */
  headroom?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Paces writes under Graph's limits with one token bucket per limit. A bucket of capacity C refilled at
 * (L·(1-headroom) - C)/W never lets more than L writes through in ANY window of W seconds, so the budget holds even
 * if the service counts in sliding windows (the strictest reading of "3,000 writes per 150 s"), while the rate stays
 * within a few per cent of the limit. `pause` stops all writes after a 429, as Graph asks of throttled clients.
 */
export class WriteBudget {
  private readonly buckets: { capacity: number; rate: number; tokens: number; at: number }[];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: WriteBudgetOptions = {}) {
    const limits = options.limits ?? GRAPH_WRITE_LIMITS;
    const headroom = options.headroom ?? 0.01;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.buckets = [limits.perAppTenant, limits.perTenant].map((l) => {
      const usable = Math.max(1, Math.floor(l.writes * (1 - headroom)));
      // At most half the limit as burst, so a tiny (test) limit still gets a positive refill rate.
      const capacity = Math.max(1, Math.min(options.burst ?? 20, Math.floor(usable / 2)));
      const rate = Math.max(usable - capacity, 0.5) / (l.windowSeconds * 1000); // tokens per millisecond
      return { capacity, rate, tokens: capacity, at: this.now() };
    });
  }

  /** The largest number of writes one `take` gets at once. */
  get maxTake(): number {
    return Math.min(...this.buckets.map((b) => b.capacity));
  }

  /** Writes per second this budget lets through in the long run. */
  get rate(): number {
    return Math.min(...this.buckets.map((b) => b.rate * 1000));
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
      for (const b of this.buckets) {
        b.tokens = Math.min(b.capacity, b.tokens + (now - b.at) * b.rate);
        b.at = now;
      }
      const paused = this.pausedUntil - now;
      const wait = Math.max(paused, ...this.buckets.map((b) => (b.tokens >= n ? 0 : (n - b.tokens) / b.rate)));
      if (wait <= 0) {
        for (const b of this.buckets) b.tokens -= n;
        return;
      }
      await this.sleep(Math.ceil(wait));
    }
  }
}
