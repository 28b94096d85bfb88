import { DECISIONS, type ResultRow } from '../../engine/types.js';
import type { RosterPersonName } from '../../store/repositories/roster-people.js';
import { html, type SafeHtml } from '../html.js';
import { badge, count, decisionBadge, pager, table } from './components.js';

export const RESULTS_PAGE_SIZE = 100;

export interface ResultsView {
  /** The full page this table belongs to, e.g. `/console/runs/<id>`; filter and page links lead there. */
  pageUrl: string;
  /** The fragment endpoint htmx loads the table from, e.g. `/console/runs/<id>/results`. */
  fragmentUrl: string;
  rows: readonly ResultRow[];
  names: ReadonlyMap<string, RosterPersonName>;
  decision: string | null;
  page: number;
  /** Rows matching the filter. */
  total: number;
  /** Rows per decision, for the filter labels. */
  byDecision: Record<string, number>;
}

/**
 * Per-person rows with a decision filter. Links work as plain links; with htmx they replace only this section
 * and push the page URL, so the filtered view can be bookmarked and reloaded.
 */
export function resultsSection(view: ResultsView): SafeHtml {
  const all = Object.values(view.byDecision).reduce((a, b) => a + b, 0);
  const query = (decision: string | null, page = 1) => {
    const p = new URLSearchParams();
    if (decision) p.set('decision', decision);
    if (page > 1) p.set('page', String(page));
    const s = p.toString();
    return s ? `?${s}` : '';
  };
  const link = (label: SafeHtml | string, decision: string | null, page = 1, current = false) =>
    html`<a
      href="${view.pageUrl}${query(decision, page)}"
      hx-get="${view.fragmentUrl}${query(decision, page)}"
      hx-target="#results"
      hx-swap="outerHTML"
      hx-push-url="${view.pageUrl}${query(decision, page)}"
      ${current ? html`aria-current="true"` : ''}
      >${label}</a
    >`;
  const filters = html`<div class="filters" role="group" aria-label="Filter by decision">
    ${link(`All (${count(all)})`, null, 1, view.decision === null)}
    ${DECISIONS.filter((d) => (view.byDecision[d] ?? 0) > 0).map((d) =>
      link(`${d} (${count(view.byDecision[d] ?? 0)})`, d, 1, view.decision === d),
    )}
  </div>`;
  const rows = view.rows.map((r) => {
    const person = view.names.get(r.sourcedId);
    const name = person ? [person.givenName, person.familyName].filter(Boolean).join(' ') : '';
    return [
      html`${name || html`<span class="muted">—</span>`}<br /><code>${r.sourcedId}</code>`,
      r.roleGroup ?? '—',
      decisionBadge(r.decision),
      badge(r.outcome),
      r.plannedUpn ? html`<code>${r.plannedUpn}</code>` : '—',
      html`<span class="reason">${r.reason}</span
        >${r.errorMessage ? html`<br /><strong>${r.errorCode}</strong> ${r.errorMessage}` : ''}`,
    ];
  });
  const paging = pager({
    page: view.page,
    pageSize: RESULTS_PAGE_SIZE,
    total: view.total,
    href: (p) => `${view.pageUrl}${query(view.decision, p)}`,
  });
  return html`<section class="card" id="results">
    <header class="card-head"><h2>People</h2></header>
    ${filters}
    ${table({
      head: ['Person', 'Role group', 'Decision', 'Outcome', 'Account (UPN)', 'Reason'],
      classes: [null, null, null, null, null, 'wrap'],
      empty: 'No people with this decision.',
      rows,
    })}
    ${paging}
  </section>`;
}
