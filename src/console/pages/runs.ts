import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RUNS } from '../../configuration/entity-sets.js';
import { DECISIONS } from '../../engine/types.js';
import { DomainError } from '../../lib/errors.js';
import type { ResultTally } from '../../store/repositories/run-result-tally.js';
import type { ConsoleDeps } from '../deps.js';
import { nameOf } from '../data/flows.js';
import {
  barGroups,
  byDecision,
  resultsPage,
  runStatus,
  runTally,
  type RunDetail,
  type RunStatus,
} from '../data/run-detail.js';
import { decisionsOf, runsNewestFirst } from '../data/runs.js';
import { csrfOf, isHtmx, pageNumber, queryOf, redirect, sendHtml, sendPage } from '../http.js';
import { html, type SafeHtml } from '../html.js';
import { outcomes } from '../views/chart.js';
import { badge, card, count, duration, flash, keyValues, stat, table, when } from '../views/components.js';
import { resultsSection } from '../views/results-table.js';
import { startRunButton } from '../views/run-controls.js';

type RunParams = { Params: { id: string } };

/** Runs: the list, starting one, a run's detail (statistics, chart, activities, people) and its live status. */
export function registerRuns(scope: FastifyInstance, deps: ConsoleDeps): void {
  const { config, runs } = deps.runtime;

  scope.get('/runs', async (req, reply) => {
    const all = await runsNewestFirst(config);
    const body = html`${queryOf(req).busy ? flash('error', 'A run is already in progress; wait for it to finish.') : ''}
    ${card(
      'Runs',
      table({
        head: ['Run', 'Status', 'Started', 'Duration', ...DECISIONS, 'Writes'],
        classes: [null, null, null, 'num', ...DECISIONS.map(() => 'num'), 'num'],
        empty: 'No runs yet.',
        rows: all.map((r) => {
          const d = decisionsOf(r);
          return [
            html`<a href="/console/runs/${r.id}">${nameOf(r)}</a>`,
            badge(String(r.data.status)),
            when(r.data.startDateTime),
            duration(r.data.startDateTime, r.data.endDateTime),
            ...DECISIONS.map((k) => count(d[k] ?? 0)),
            count(Number(r.data._writes ?? 0)),
          ];
        }),
      }),
    )}`;
    return sendPage(req, reply, {
      title: 'Runs',
      section: 'runs',
      actions: html`<a class="button secondary" href="/console/plan">Dry run</a
        >${startRunButton(csrfOf(req), { running: runs.running })}`,
      body,
    });
  });

  scope.post('/runs', async (req, reply) => {
    let id: string;
    try {
      const started = await runs.start();
      id = started.id;
      started.done.catch((err: unknown) => req.log.error({ err, runId: id }, 'console-started run failed'));
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'conflict') return redirect(req, reply, '/console/runs?busy=1');
      throw err;
    }
    return redirect(req, reply, `/console/runs/${id}`);
  });

  scope.get<RunParams>('/runs/:id', async (req, reply) => {
    const status = await runStatus(deps, req.params.id);
    const body =
      status.run.data.status === 'running'
        ? liveSection(status)
        : await finishedBody(req, deps, { ...status, tally: await runTally(deps, status.run.id) });
    return sendPage(req, reply, {
      title: nameOf(status.run),
      subtitle: html`Run <code>${status.run.id}</code> · <a href="/console/runs">all runs</a>`,
      section: 'runs',
      actions: startRunButton(csrfOf(req), { running: runs.running, label: 'Start another run' }),
      body,
    });
  });

  // Polled while a run is in progress; once it has finished the page reloads to show the results.
  scope.get<RunParams>('/runs/:id/live', async (req, reply) => {
    const status = await runStatus(deps, req.params.id);
    if (status.run.data.status !== 'running' && isHtmx(req)) reply.header('HX-Refresh', 'true');
    return sendHtml(reply, liveSection(status));
  });

  scope.get<RunParams>('/runs/:id/results', async (req, reply) => {
    const run = await config.get(RUNS, req.params.id);
    return sendHtml(reply, await results(req, deps, run.id, await runTally(deps, run.id)));
  });
}

async function finishedBody(req: FastifyRequest, deps: ConsoleDeps, detail: RunDetail): Promise<SafeHtml> {
  const { run } = detail;
  const stats = (run.data._statistics ?? {}) as { inboundTotals?: Record<string, number> };
  const totals = stats.inboundTotals ?? {};
  const decisions = byDecision(detail.tally);
  return html`<div class="stats">
      ${stat('Status', badge(String(run.data.status)))} ${stat('People in roster', count(Number(totals.people ?? 0)))}
      ${stat('Directory writes', count(Number(run.data._writes ?? 0)))}
      ${stat('Roster errors', count(Number(totals.errors ?? 0)), `${count(Number(totals.warnings ?? 0))} warnings`)}
      ${stat('Duration', duration(run.data.startDateTime, run.data.endDateTime), when(run.data.startDateTime))}
    </div>
    ${card('Outcomes by role group', outcomes(barGroups(detail.tally), decisions))}
    ${card('Activities', activitiesTable(detail))} ${await results(req, deps, run.id, detail.tally)}`;
}

async function results(
  req: FastifyRequest,
  deps: ConsoleDeps,
  runId: string,
  tally: readonly ResultTally[],
): Promise<SafeHtml> {
  const q = queryOf(req);
  const decision = q.decision && (DECISIONS as readonly string[]).includes(q.decision) ? q.decision : null;
  const page = pageNumber(q.page);
  const counts = byDecision(tally);
  const total = decision ? (counts[decision] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  const { rows, names } = await resultsPage(deps, runId, { decision, page });
  return resultsSection({
    pageUrl: `/console/runs/${runId}`,
    fragmentUrl: `/console/runs/${runId}/results`,
    rows,
    names,
    decision,
    page,
    total,
    byDecision: counts,
  });
}

function activitiesTable(detail: RunStatus): SafeHtml {
  return table({
    head: ['Activity', 'Kind', 'Status', 'Blocking error'],
    empty: 'No activities.',
    rows: detail.activities.map((a) => {
      const blocking = a.data.blockingError as { code?: string; message?: string } | null;
      return [
        nameOf(a),
        a.type.includes('inbound') ? 'inbound' : 'outbound',
        badge(String(a.data.status)),
        blocking ? html`<strong>${blocking.code}</strong> <span class="reason">${blocking.message}</span>` : '—',
      ];
    }),
  });
}

function liveSection(detail: RunStatus): SafeHtml {
  const running = detail.run.data.status === 'running';
  return html`<section
    class="card"
    id="live"
    ${running ? html`hx-get="/console/runs/${detail.run.id}/live" hx-trigger="every 1s" hx-swap="outerHTML"` : ''}
    aria-live="polite"
  >
    <header class="card-head">
      <h2>${running ? 'Run in progress' : 'Run finished'}</h2>
      ${badge(String(detail.run.data.status))}
    </header>
    ${keyValues([
      ['Started', when(detail.run.data.startDateTime)],
      [
        'Activities',
        `${detail.activities.filter((a) => a.data.status !== 'inProgress').length} of ${detail.activities.length} finished`,
      ],
    ])}
    ${running ? html`<p class="muted">This page refreshes by itself when the run finishes.</p>` : html`<p><a href="/console/runs/${detail.run.id}">Show the results</a></p>`}
  </section>`;
}
