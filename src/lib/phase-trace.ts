/**
 * Phase timings for profiling long operations: with ROSTERLINK_TRACE_PHASES=1 each `mark` prints how long the step
 * since the previous mark took, to stderr. Off by default, and then free.
 */
export function phaseTrace(label: string): (step: string) => void {
  if (!process.env.ROSTERLINK_TRACE_PHASES) return () => {};
  let last = performance.now();
  return (step) => {
    const now = performance.now();
    process.stderr.write(`[${label}] ${step}: ${(now - last).toFixed(0)} ms\n`);
    last = now;
  };
}
