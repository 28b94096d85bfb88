import { DECISIONS, type Decision } from '../../engine/types.js';
import { html, type SafeHtml } from '../html.js';
import { count } from './components.js';

export interface BarGroup {
  label: string;
  counts: Partial<Record<Decision, number>>;
}

const WIDTH = 640;
const LABEL = 96;
const BAR = 30;
const GAP = 16;

/**
 * Outcomes by role group as stacked horizontal bars, in inline SVG (no script, no external file). Colours come from
 * the stylesheet's `d-<decision>` classes; every segment has a tooltip, and {@link decisionLegend} names the colours
 * with their counts next to the chart.
 */
export function decisionBars(groups: readonly BarGroup[]): SafeHtml {
  if (groups.length === 0) return html`<p class="empty">No people were processed.</p>`;
  const totals = groups.map((g) => DECISIONS.reduce((sum, d) => sum + (g.counts[d] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const span = WIDTH - LABEL - 56;
  const rows = groups.map((g, i) => {
    const y = i * (BAR + GAP);
    let x = LABEL;
    const segments = DECISIONS.map((d) => {
      const n = g.counts[d] ?? 0;
      if (n === 0) return html``;
      const w = Math.max(2, (n / max) * span);
      const seg = html`<rect class="d-${d}" x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR}"
        ><title>${g.label}: ${n} ${d}</title></rect
      >`;
      x += w;
      return seg;
    });
    return html`<g>
      <text class="bar-label" x="${LABEL - 10}" y="${y + BAR / 2 + 5}" text-anchor="end">${g.label}</text>
      ${segments}
      <text class="bar-total" x="${(x + 8).toFixed(1)}" y="${y + BAR / 2 + 5}">${count(totals[i])}</text>
    </g>`;
  });
  const height = groups.length * (BAR + GAP) - GAP;
  const summary = groups.map((g, i) => `${g.label}: ${totals[i]}`).join(', ');
  return html`<svg
    class="chart"
    viewBox="0 0 ${WIDTH} ${height}"
    width="${WIDTH}"
    height="${height}"
    role="img"
    aria-label="${`Outcomes by role group. ${summary}.`}"
  >
    ${rows}
  </svg>`;
}

/** Decisions by type: the chart's legend, with the number of people for each. */
export function decisionLegend(counts: Partial<Record<string, number>>): SafeHtml {
  return html`<ul class="legend">
    ${DECISIONS.map(
      (d) =>
        html`<li>
          <span class="swatch d-${d}" aria-hidden="true"></span><span class="legend-name">${d}</span
          ><span class="legend-count">${count(counts[d] ?? 0)}</span>
        </li>`,
    )}
  </ul>`;
}

/** Chart and legend side by side. */
export function outcomes(groups: readonly BarGroup[], counts: Partial<Record<string, number>>): SafeHtml {
  return html`<div class="outcomes">${decisionBars(groups)}${decisionLegend(counts)}</div>`;
}
