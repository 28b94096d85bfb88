import type { Command } from 'commander';
import type { GraphEmulationOptions } from '../../api/graph/directory/index.js';
import { GRAPH_WRITE_LIMITS, parseLimits, scaleLimits } from '../../directory/graph/write-budget.js';
import { UsageError } from '../main.js';

export interface EmulationFlags {
  emulateThrottling?: string | boolean;
  throttleScale?: string;
  injectFaults?: string;
  injectLatencyMs?: string;
}

/** `serve` flags that make the /v1.0 surface throttle, fail and lag like a busy Microsoft Graph (off by default). */
export const emulationOptions = {
  register(cmd: Command): void {
    cmd
      .option(
        '--emulate-throttling [limits]',
        "Graph's write limits on /v1.0, 429 + Retry-After beyond them (default 3000/150,18000/300: per app+tenant, per tenant)",
      )
      .option('--throttle-scale <n>', 'divide the limits and their windows by n (300/15 s at 10: same rate, shorter)')
      .option('--inject-faults <rate>', 'fail this share (0-1) of /v1.0 requests: 429, 503 or a 504 after running')
      .option('--inject-latency-ms <ms>', 'delay every /v1.0 request by this many milliseconds');
  },
  read(flags: EmulationFlags): GraphEmulationOptions | undefined {
    const out: GraphEmulationOptions = {};
    if (flags.emulateThrottling) {
      try {
        const spec = flags.emulateThrottling;
        out.throttling = typeof spec === 'string' ? parseLimits(spec) : GRAPH_WRITE_LIMITS;
      } catch (err) {
        throw new UsageError(`--emulate-throttling: ${(err as Error).message}`);
      }
      if (flags.throttleScale !== undefined) {
        out.throttling = scaleLimits(out.throttling, number('--throttle-scale', flags.throttleScale, 1, 1e6));
      }
    } else if (flags.throttleScale !== undefined) {
      throw new UsageError('--throttle-scale needs --emulate-throttling');
    }
    if (flags.injectFaults !== undefined) out.faultRate = number('--inject-faults', flags.injectFaults, 0, 1);
    if (flags.injectLatencyMs !== undefined) {
      out.latencyMs = number('--inject-latency-ms', flags.injectLatencyMs, 0, 600_000);
    }
    return Object.keys(out).length > 0 ? out : undefined;
  },
};

function number(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`${flag} '${value}' must be ${min}-${max}`);
  return n;
}
