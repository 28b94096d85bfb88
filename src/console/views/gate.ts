import { html, type SafeHtml } from '../html.js';
import { page } from '../layout.js';

/** The pages shown without a session: sign-in needed, link not valid, request refused, signed out. */
export function gatePage(opts: { title: string; message: string; howTo?: boolean }): SafeHtml {
  const howTo = html`<h2>How to get a sign-in link</h2>
    <ul>
      <li>
        <code>rosterlink serve</code> and <code>rosterlink demo</code> (<code>npm start</code>) print a link when they
        start: <code>Console: http://…/console/signin?code=…</code>
      </li>
      <li>
        While it runs, <code>rosterlink console-link --db &lt;its store&gt; --url &lt;its URL&gt;</code> prints a new
        one.
      </li>
    </ul>
    <p class="muted">A link works once, for 15 minutes. A session lasts 8 hours.</p>`;
  return page({
    title: opts.title,
    section: null,
    csrf: null,
    body: html`<section class="card gate">
      <p>${opts.message}</p>
      ${opts.howTo ? howTo : ''}
    </section>`,
  });
}
