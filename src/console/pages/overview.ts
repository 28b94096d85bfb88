import type { FastifyInstance } from 'fastify';
import type { ConsoleDeps } from '../deps.js';
import { flowSetsWithFlows, nameOf, shortType } from '../data/flows.js';
import { inboundSummaries } from '../data/inbound.js';
import { openConflicts } from '../data/conflicts.js';
import { decisionsOf, newestFinished, runsNewestFirst } from '../data/runs.js';
import { csrfOf, sendPage } from '../http.js';
import { html, type SafeHtml } from '../html.js';
import { badge, card, count, duration, keyValues, stat, table, when } from '../views/components.js';
import { decisionLegend } from '../views/chart.js';
import { startRunButton } from '../views/run-controls.js';
import type { Doc } from '../../configuration/configuration-service.js';

/** `/console`: counts, the last run, and each flow's readiness with the reason it is not ready. */
export function registerOverview(scope: FastifyInstance, deps: ConsoleDeps): void {
  scope.get('/', async (req, reply) => {
    const { config, runs } = deps.runtime;
    const sets = await flowSetsWithFlows(config);
    const flows = sets.flatMap((s) => s.flows);
    const inbound = await inboundSummaries(deps);
    const allRuns = await runsNewestFirst(config);
    const last = allRuns[0] ?? null;
    const finished = newestFinished(allRuns);
    const conflicts = finished ? await openConflicts(deps, finished.id) : 0;
    const accounts = deps.accounts ? await deps.accounts.count() : null;
    const people = inbound.reduce((n, i) => n + i.counts.people.active, 0);
    const csrf = csrfOf(req);

    const stats = html`<div class="stats">
      ${stat('Roster people', count(people), `with contacts, in ${inbound.length} inbound flow${inbound.length === 1 ? '' : 's'}`)}
      ${stat('Directory accounts', accounts === null ? '—' : count(accounts), accounts === null ? 'external directory' : 'embedded directory')}
      ${stat('Flow sets', count(sets.length), `${flows.length} flow${flows.length === 1 ? '' : 's'}`)}
      ${stat('Ready flows', `${flows.filter((f) => f.readiness.status === 'ready').length} / ${flows.length}`)}
      ${stat('Open conflicts', html`<a href="/console/conflicts">${count(conflicts)}</a>`, 'in the last finished run')}
      ${stat('Runs', count(allRuns.length))}
    </div>`;

    const readiness = table({
      head: ['Flow set', 'Flow', 'Readiness', 'Why not ready'],
      empty: 'No flow sets yet: create one with the API or `rosterlink run --setup`.',
      rows: flows.map((f) => [
        html`<a href="/console/flows/${f.flowSet.id}/${f.flow.id}">${nameOf(f.flowSet)}</a>`,
        shortType(f.flow.type),
        badge(f.readiness.status),
        f.readiness.reason
          ? html`<span class="reason">${f.readiness.reason}</span>`
          : html`<span class="muted">—</span>`,
      ]),
    });

    const body = html`${stats}
      <div class="grid">
        ${card('Last run', lastRun(last, runs.running), {
          actions: html`<div class="actions">
            <a class="button secondary" href="/console/plan">Dry run</a
            >${startRunButton(csrf, { running: runs.running })}
          </div>`,
        })}
        ${card('Flow readiness', readiness, { actions: html`<a href="/console/flows">All flows</a>` })}
      </div>
      ${card(
        'Inbound data',
        table({
          head: ['Inbound flow', 'Latest load', 'Status', 'People', 'Errors', 'Warnings'],
          classes: [null, null, null, 'num', 'num', 'num'],
          empty: 'No inbound flows yet: `rosterlink import <roster>` creates one.',
          rows: inbound.map((i) => [
            html`<a href="/console/inbound/${i.flow.id}">${nameOf(i.flow)}</a>`,
            i.latest ? when(i.latest.finishedAt ?? i.latest.startedAt) : html`<span class="muted">never loaded</span>`,
            i.latest ? badge(i.latest.status) : '',
            count(i.counts.people.active),
            count(Number(i.latest?.summary?.errors ?? 0)),
            count(Number(i.latest?.summary?.warnings ?? 0)),
          ]),
        }),
      )}`;
    return sendPage(req, reply, { title: 'Overview', section: 'overview', body });
  });
}

function lastRun(run: Doc | null, running: boolean): SafeHtml {
  if (!run) return html`<p class="empty">No run yet.${running ? ' One is starting.' : ''}</p>`;
  return html`<div class="outcomes">
    ${keyValues([
      ['Run', html`<a href="/console/runs/${run.id}">${nameOf(run)}</a>`],
      ['Status', badge(String(run.data.status))],
      ['Started', when(run.data.startDateTime)],
      ['Duration', duration(run.data.startDateTime, run.data.endDateTime)],
    ])}
    ${decisionLegend(decisionsOf(run))}
  </div>`;
}
