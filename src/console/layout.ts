import { html, type HtmlValue, type SafeHtml } from './html.js';
import { csrfField } from './views/components.js';

export type Section = 'overview' | 'flows' | 'sources' | 'inbound' | 'runs' | 'conflicts' | 'accounts';

const NAV: { section: Section; href: string; label: string }[] = [
  { section: 'overview', href: '/console', label: 'Overview' },
  { section: 'flows', href: '/console/flows', label: 'Flows' },
  { section: 'sources', href: '/console/sources', label: 'Source systems' },
  { section: 'inbound', href: '/console/inbound', label: 'Inbound data' },
  { section: 'runs', href: '/console/runs', label: 'Runs' },
  { section: 'conflicts', href: '/console/conflicts', label: 'Conflicts' },
  { section: 'accounts', href: '/console/accounts', label: 'Accounts' },
];

/**
 * htmx settings: no inline styles or eval (the CSP forbids both), no page snapshots in localStorage (pages hold
 * names and tokens), and 400 answers are swapped so validation messages show inline.
 */
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '400', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
});

export interface PageView {
  title: string;
  section: Section | null;
  /** The session's anti-forgery token; null on pages shown without a session. */
  csrf: string | null;
  body: HtmlValue;
  /** Shown under the heading, e.g. the object a page is about. */
  subtitle?: HtmlValue;
  /** Buttons or links at the right of the heading. */
  actions?: HtmlValue;
}

export function page(view: PageView): SafeHtml {
  const headers = view.csrf ? JSON.stringify({ 'X-CSRF-Token': view.csrf }) : null;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content="${HTMX_CONFIG}" />
        <title>${view.title} · rosterlink console</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <link rel="icon" href="data:," />
        <script src="/console/assets/htmx.min.js" defer></script>
      </head>
      <body hx-boost="true" ${headers ? html`hx-headers="${headers}"` : ''}>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <a class="brand" href="/console"
            ><span class="logo" aria-hidden="true">rl</span> rosterlink <small>console</small></a
          >
          ${view.csrf ? navigation(view.section, view.csrf) : ''}
        </header>
        <main id="main" tabindex="-1">
          <div class="heading">
            <div>
              <h1>${view.title}</h1>
              ${view.subtitle ? html`<p class="subtitle">${view.subtitle}</p>` : ''}
            </div>
            ${view.actions ? html`<div class="actions">${view.actions}</div>` : ''}
          </div>
          ${view.body}
        </main>
      </body>
    </html>`;
}

function navigation(current: Section | null, csrf: string): SafeHtml {
  return html`<nav aria-label="Console">
      <ul>
        ${NAV.map(
          (n) =>
            html`<li><a href="${n.href}" ${n.section === current ? html`aria-current="page"` : ''}>${n.label}</a></li>`,
        )}
      </ul>
    </nav>
    <form class="signout" method="post" action="/console/signout">
      ${csrfField(csrf)}
      <button type="submit" class="button ghost">Sign out</button>
    </form>`;
}
