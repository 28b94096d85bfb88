import { html, type HtmlValue, type SafeHtml } from '../html.js';

const STATUS_TONE: Record<string, string> = {
  ready: 'ok',
  completed: 'ok',
  applied: 'ok',
  enabled: 'ok',
  set: 'ok',
  disabled: 'warn',
  notReady: 'bad',
  failed: 'bad',
  completedWithErrors: 'bad',
  error: 'bad',
  catastrophic: 'bad',
  completedWithWarnings: 'warn',
  warning: 'warn',
  running: 'info',
  inProgress: 'info',
  planned: 'info',
};

/** A status word in a coloured pill (colour is never the only signal: the word is always shown). */
export function badge(status: string | null | undefined): SafeHtml {
  const text = status ?? 'unknown';
  return html`<span class="badge ${STATUS_TONE[text] ?? 'muted'}">${text}</span>`;
}

export function decisionBadge(decision: string): SafeHtml {
  return html`<span class="badge decision d-${decision}">${decision}</span>`;
}

export function stat(label: string, value: HtmlValue, hint?: HtmlValue): SafeHtml {
  return html`<div class="stat">
    <span class="stat-value">${value}</span
    ><span class="stat-label">${label}</span>${hint ? html`<span class="stat-hint">${hint}</span>` : ''}
  </div>`;
}

export function card(title: HtmlValue, body: HtmlValue, opts: { id?: string; actions?: HtmlValue } = {}): SafeHtml {
  return html`<section class="card" ${opts.id ? html`id="${opts.id}"` : ''}>
    <header class="card-head">
      <h2>${title}</h2>
      ${opts.actions ?? ''}
    </header>
    ${body}
  </section>`;
}

export interface TableView {
  head: HtmlValue[];
  rows: HtmlValue[][];
  empty: string;
  caption?: string;
  /** Classes of the columns, e.g. `num` to right-align counts. */
  classes?: (string | null)[];
}

export function table(view: TableView): SafeHtml {
  if (view.rows.length === 0) return html`<p class="empty">${view.empty}</p>`;
  const cls = (i: number) => view.classes?.[i] ?? null;
  return html`<div class="table-wrap">
    <table>
      ${
        view.caption
          ? html`<caption>
              ${view.caption}
            </caption>`
          : ''
      }
      <thead>
        <tr>
          ${view.head.map((h, i) => html`<th scope="col" ${cls(i) ? html`class="${cls(i)}"` : ''}>${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${view.rows.map(
          (r) =>
            html`<tr>
              ${r.map((c, i) => html`<td ${cls(i) ? html`class="${cls(i)}"` : ''}>${c}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function flash(kind: 'ok' | 'error' | 'info', message: HtmlValue): SafeHtml {
  return html`<div class="flash ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${message}</div>`;
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

/** A Graph timestamp as `2026-11-27 13:48 UTC`, with the exact value in `datetime`. */
export function when(value: unknown): SafeHtml {
  if (typeof value !== 'string' || !value) return html`<span class="muted">—</span>`;
  return html`<time datetime="${value}">${value.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

export function duration(start: unknown, end: unknown): string {
  if (typeof start !== 'string' || typeof end !== 'string') return '—';
  const ms = Date.parse(end) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  return ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

export const count = (n: number) => n.toLocaleString('en-US');

export function keyValues(pairs: [string, HtmlValue][]): SafeHtml {
  return html`<dl class="kv">
    ${pairs.map(
      ([k, v]) =>
        html`<dt>${k}</dt>
          <dd>${v}</dd>`,
    )}
  </dl>`;
}

/** Previous/next links for a paged list; `href(page)` builds each page's URL. */
export function pager(opts: {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
}): SafeHtml {
  const pages = Math.max(1, Math.ceil(opts.total / opts.pageSize));
  if (pages <= 1) return html``;
  const first = (opts.page - 1) * opts.pageSize + 1;
  const last = Math.min(opts.total, opts.page * opts.pageSize);
  return html`<nav class="pager" aria-label="Pages">
    ${opts.page > 1 ? html`<a class="button ghost" href="${opts.href(opts.page - 1)}" rel="prev">← Previous</a>` : ''}
    <span>${count(first)}–${count(last)} of ${count(opts.total)}</span>
    ${opts.page < pages ? html`<a class="button ghost" href="${opts.href(opts.page + 1)}" rel="next">Next →</a>` : ''}
  </nav>`;
}
