import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decisionCounts } from '../../engine/statistics.js';
import { DECISIONS, type ResultRow } from '../../engine/types.js';
import { rosterPeopleByIds } from '../../store/repositories/roster-people.js';
import type { ConsoleDeps } from '../deps.js';
import { barGroups } from '../data/run-detail.js';
import { csrfOf, pageNumber, queryOf, sendHtml, sendPage } from '../http.js';
import { html, type SafeHtml } from '../html.js';
import { outcomes } from '../views/chart.js';
import { card, flash } from '../views/components.js';
import { resultsSection, RESULTS_PAGE_SIZE } from '../views/results-table.js';
import { startRunButton } from '../views/run-controls.js';

/**
 * `/console/plan`: a dry run — what a run would decide for every person, computed from the roster and the directory
 * as they are now, without writing anything. `/console/plan/results` is the people table alone (htmx filter).
 */
export function registerPlan(scope: FastifyInstance, deps: ConsoleDeps): void {
  scope.get('/plan', async (req, reply) => {
    const rows = await deps.runtime.runs.plan();
    const tally = rows.map((r) => ({ roleGroup: r.roleGroup, decision: r.decision, count: 1 }));
    return sendPage(req, reply, {
      title: 'Dry run',
      subtitle: 'What a run would do now. Nothing is written to the directory.',
      section: 'runs',
      actions: startRunButton(csrfOf(req), { running: deps.runtime.runs.running }),
      body: html`${rows.length === 0 ? flash('info', 'No ready user flow has roster data to plan for.') : ''}
      ${card('Planned outcomes by role group', outcomes(barGroups(tally), decisionCounts(rows)))}
      ${await peopleSection(req, deps, rows)}`,
    });
  });
  scope.get('/plan/results', async (req, reply) =>
    sendHtml(reply, await peopleSection(req, deps, await deps.runtime.runs.plan())),
  );
}

async function peopleSection(req: FastifyRequest, deps: ConsoleDeps, rows: readonly ResultRow[]): Promise<SafeHtml> {
  const q = queryOf(req);
  const decision = q.decision && (DECISIONS as readonly string[]).includes(q.decision) ? q.decision : null;
  const page = pageNumber(q.page);
  const selected = decision ? rows.filter((r) => r.decision === decision) : rows;
  const shown = selected.slice((page - 1) * RESULTS_PAGE_SIZE, page * RESULTS_PAGE_SIZE);
  const names = await rosterPeopleByIds(
    deps.runtime.store.db,
    shown.map((r) => r.sourcedId),
  );
  return resultsSection({
    pageUrl: '/console/plan',
    fragmentUrl: '/console/plan/results',
    rows: shown,
    names,
    decision,
    page,
    total: selected.length,
    byDecision: decisionCounts(rows),
  });
}
