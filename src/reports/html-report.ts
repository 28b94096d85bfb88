import { escapeHtml } from '../lib/escape-html.js';
import { decisionCounts } from '../engine/statistics.js';
import { DECISIONS, type Decision as DecisionName, type ResultRow } from '../engine/types.js';

/** Rows embedded in report.html; beyond this the full list is in results.csv (conflicts and errors always are). */
export const MAX_EMBEDDED_ROWS = 20_000;

export interface ReportInput {
  runId: string;
  displayName: string;
  status: string;
  startDateTime: string;
  endDateTime: string | null;
  /** The run's rows, summed up (see ReportTally): the report never needs them all at once. */
  tally: ReportTally;
  findingsByCode: Record<string, { severity: string; count: number }>;
  candidates: Record<string, { upn: string; displayName: string }>;
}

/** What report.html shows of a run's rows, gathered a page of rows at a time. */
export class ReportTally {
  rowCount = 0;
  readonly totals = decisionCounts([]);
  /** Decision counts by role group ('(none)' for people in no group). */
  readonly byGroup = new Map<string, Record<DecisionName, number>>();
  readonly failed: ResultRow[] = [];
  readonly conflicts: ResultRow[] = [];
  /** The first MAX_EMBEDDED_ROWS rows, as the cells the page's table shows. */
  readonly embedded: (string | null)[][] = [];

  add(rows: readonly ResultRow[]): void {
    for (const r of rows) {
      this.rowCount++;
      this.totals[r.decision]++;
      const group = r.roleGroup ?? '(none)';
      let counts = this.byGroup.get(group);
      if (counts === undefined) this.byGroup.set(group, (counts = decisionCounts([])));
      counts[r.decision]++;
      if (r.outcome === 'failed' || r.errorCode) this.failed.push(r);
      if (r.decision === 'conflict') this.conflicts.push(r);
      if (this.embedded.length < MAX_EMBEDDED_ROWS) {
        this.embedded.push([
          r.sourcedId,
          r.roleGroup,
          r.role,
          r.decision,
          r.outcome,
          r.plannedUpn,
          r.reason,
          r.errorCode,
        ]);
      }
    }
  }
}

const esc = (s: unknown) => escapeHtml(String(s ?? ''));

/** The console's decision colours (console.css, `d-<decision>`), so a report and the console's chart read alike. */
const COLORS: Record<DecisionName, string> = {
  create: '#2563eb',
  link: '#10a36a',
  update: '#7c4ddb',
  noop: '#a3adbb',
  conflict: '#dc3b2f',
  skip: '#e09a1a',
};

/** A self-contained report (no network): totals, outcomes by role group, findings, conflicts, filterable rows. */
export function renderReport(input: ReportInput): string {
  const { totals, failed, conflicts, embedded, rowCount } = input.tally;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(input.displayName)} — rosterlink report</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}</style></head><body>
<header><h1>${esc(input.displayName)}</h1><p>Status <strong class="status">${esc(input.status)}</strong> · started ${esc(input.startDateTime)} · ended ${esc(input.endDateTime ?? '—')} · run id <code>${esc(input.runId)}</code></p></header>
<section class="cards">${DECISIONS.map((d) => `<div class="card"><span class="n" data-decision="${d}">${totals[d]}</span><span>${d}</span></div>`).join('')}<div class="card"><span class="n" data-total="failed">${failed.length}</span><span>write errors</span></div></section>
<section><h2>Outcomes by role group</h2>${chart(input.tally.byGroup)}</section>
<section><h2>Inbound findings by code</h2>${findingsTable(input.findingsByCode)}</section>
<section><h2>Conflicts (${conflicts.length})</h2>${conflictsTable(conflicts, input.candidates)}</section>
<section><h2>Write errors (${failed.length})</h2>${simpleTable(failed, ['sourcedId', 'plannedUpn', 'errorCode', 'errorMessage'])}</section>
<section><h2>Every person</h2><p class="note">${rowCount > MAX_EMBEDDED_ROWS ? `The first ${MAX_EMBEDDED_ROWS} of ${rowCount} rows; results.csv has all of them.` : `${rowCount} rows.`}</p>
<label>Decision <select id="decision"><option value="">all</option>${DECISIONS.map((d) => `<option>${d}</option>`).join('')}</select></label>
<label>Search <input id="q" type="search" placeholder="sourcedId, UPN, reason"></label>
<table id="rows"><thead><tr><th>sourcedId</th><th>role group</th><th>role</th><th>decision</th><th>outcome</th><th>UPN</th><th>reason</th><th>error</th></tr></thead><tbody></tbody></table>
<p id="more" class="note"></p></section>
<script type="application/json" id="data">${JSON.stringify(embedded).replace(/</g, '\\u003c')}</script>
<script>${SCRIPT}</script></body></html>`;
}

function chart(byGroup: ReadonlyMap<string, Record<DecisionName, number>>): string {
  const groups = [...byGroup.keys()].sort();
  if (groups.length === 0) return '<p class="note">No people in scope.</p>';
  const counts = groups.map((g) => {
    const n = byGroup.get(g)!;
    return DECISIONS.map((d) => n[d]);
  });
  const max = Math.max(1, ...counts.map((c) => c.reduce((a, b) => a + b, 0)));
  const barH = 28;
  const width = 640;
  const bars = groups
    .map((g, i) => {
      let x = 120;
      const segs = counts[i]
        .map((n, j) => {
          const w = (n / max) * (width - 200);
          const seg = n
            ? `<rect x="${x.toFixed(1)}" y="${i * (barH + 10)}" width="${w.toFixed(1)}" height="${barH}" fill="${COLORS[DECISIONS[j]]}"><title>${DECISIONS[j]}: ${n}</title></rect>`
            : '';
          x += w;
          return seg;
        })
        .join('');
      const total = counts[i].reduce((a, b) => a + b, 0);
      return `<text x="0" y="${i * (barH + 10) + 19}">${esc(g)}</text>${segs}<text x="${(x + 6).toFixed(1)}" y="${i * (barH + 10) + 19}">${total}</text>`;
    })
    .join('');
  const legend = DECISIONS.map(
    (d, j) =>
      `<rect x="${120 + j * 85}" y="${groups.length * (barH + 10) + 4}" width="12" height="12" fill="${COLORS[d]}"/><text x="${136 + j * 85}" y="${groups.length * (barH + 10) + 15}">${d}</text>`,
  ).join('');
  return `<svg role="img" aria-label="Outcomes by role group" width="${width}" height="${groups.length * (barH + 10) + 28}" class="chart">${bars}${legend}</svg>`;
}

function findingsTable(byCode: ReportInput['findingsByCode']): string {
  const entries = Object.entries(byCode).sort((a, b) => b[1].count - a[1].count);
  if (entries.length === 0) return '<p class="note">No errors or warnings in the roster data.</p>';
  return `<table><thead><tr><th>code</th><th>severity</th><th>count</th></tr></thead><tbody>${entries.map(([code, f]) => `<tr><td>${esc(code)}</td><td>${esc(f.severity)}</td><td>${f.count}</td></tr>`).join('')}</tbody></table>`;
}

function conflictsTable(rows: readonly ResultRow[], candidates: ReportInput['candidates']): string {
  if (rows.length === 0) return '<p class="note">No conflicts.</p>';
  const cand = (ids: string[]) =>
    ids
      .map((id) => `${esc(candidates[id]?.upn ?? id)}${candidates[id] ? ` (${esc(candidates[id].displayName)})` : ''}`)
      .join('<br>');
  return `<table><thead><tr><th>sourcedId</th><th>role group</th><th>reason</th><th>candidates</th></tr></thead><tbody>${rows.map((r) => `<tr><td>${esc(r.sourcedId)}</td><td>${esc(r.roleGroup)}</td><td>${esc(r.reason)}</td><td>${cand(r.candidateIds)}</td></tr>`).join('')}</tbody></table>`;
}

function simpleTable(rows: readonly ResultRow[], columns: (keyof ResultRow)[]): string {
  if (rows.length === 0) return '<p class="note">None.</p>';
  return `<table><thead><tr>${columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${columns.map((c) => `<td>${esc(r[c])}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

const CSS = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1f2933}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}code{font-size:12px}.note{color:#616e7c}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin-top:16px}.card{border:1px solid #d9e2ec;border-radius:8px;padding:10px 14px;min-width:90px;display:flex;flex-direction:column}
.card .n{font-size:22px;font-weight:600}table{border-collapse:collapse;width:100%;margin-top:8px}th,td{border-bottom:1px solid #e4e7eb;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f5f7fa}.chart text{font-size:12px;fill:#323f4b}label{margin-right:16px}`;

const SCRIPT = `(()=>{const rows=JSON.parse(document.getElementById('data').textContent);const tb=document.querySelector('#rows tbody');
const dec=document.getElementById('decision');const q=document.getElementById('q');const more=document.getElementById('more');
const esc=s=>String(s??'').replace(/[&<>"']/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
function draw(){const d=dec.value,t=q.value.toLowerCase();const hit=rows.filter(r=>(!d||r[3]===d)&&(!t||r.some(v=>String(v??'').toLowerCase().includes(t))));
tb.innerHTML=hit.slice(0,500).map(r=>'<tr>'+r.map(v=>'<td>'+esc(v)+'</td>').join('')+'</tr>').join('');
more.textContent=hit.length>500?('Showing 500 of '+hit.length+' matching rows; narrow the filter.'):(hit.length+' matching rows.');}
dec.onchange=draw;q.oninput=draw;draw();})();`;
