import { html, type SafeHtml } from '../html.js';
import { csrfField } from './components.js';

/** The "Start a run" button: a plain form (works without script), boosted by htmx. */
export function startRunButton(csrf: string, opts: { running: boolean; label?: string }): SafeHtml {
  if (opts.running) return html`<span class="badge info">A run is in progress</span>`;
  return html`<form class="inline" method="post" action="/console/runs">
    ${csrfField(csrf)}
    <button type="submit">${opts.label ?? 'Start a run'}</button>
  </form>`;
}
