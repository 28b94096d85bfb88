import type { ResultRow } from '../engine/types.js';

/** The few lines an admin reads after the demo's run: outcomes per role group. */
export function demoSummary(rows: readonly ResultRow[]): string {
  const groups = [...new Set(rows.map((r) => r.roleGroup ?? '(no role group)'))].sort();
  const count = (g: string, pred: (r: ResultRow) => boolean) =>
    rows.filter((r) => (r.roleGroup ?? '(no role group)') === g && pred(r)).length;
  const header = `  ${'role group'.padEnd(16)}${'created'.padStart(9)}${'linked'.padStart(9)}${'unchanged'.padStart(11)}${'conflicts'.padStart(11)}${'errors'.padStart(8)}`;
  const lines = groups.map(
    (g) =>
      `  ${g.padEnd(16)}${String(count(g, (r) => r.decision === 'create' && r.outcome === 'applied')).padStart(9)}` +
      `${String(count(g, (r) => r.decision === 'link')).padStart(9)}` +
      `${String(count(g, (r) => r.decision === 'noop' || r.decision === 'update')).padStart(11)}` +
      `${String(count(g, (r) => r.decision === 'conflict')).padStart(11)}` +
      `${String(count(g, (r) => r.outcome === 'failed' || r.errorCode !== null)).padStart(8)}`,
  );
  return [header, ...lines].join('\n');
}
