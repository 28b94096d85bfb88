import type { FastifyInstance } from 'fastify';
import { INBOUND_FLOWS } from '../../configuration/entity-sets.js';
import type { LakeCounts } from '../../store/repositories/lake.js';
import { LakeRepository } from '../../store/repositories/lake.js';
import type { ConsoleDeps } from '../deps.js';
import { nameOf, shortType } from '../data/flows.js';
import { inboundSummaries } from '../data/inbound.js';
import { sendPage } from '../http.js';
import { html, type SafeHtml } from '../html.js';
import { badge, card, count, duration, keyValues, stat, table, when } from '../views/components.js';

const FIRST_FINDINGS = 100;

/** `/console/inbound`: inbound flows and their latest loads; `/console/inbound/:id`: that load's findings. */
export function registerInbound(scope: FastifyInstance, deps: ConsoleDeps): void {
  const { config } = deps.runtime;

  scope.get('/inbound', async (req, reply) => {
    const flows = await inboundSummaries(deps);
    const body = table({
      head: ['Inbound flow', 'Type', 'Readiness', 'Latest load', 'Status', 'People', 'Errors', 'Warnings'],
      classes: [null, null, null, null, null, 'num', 'num', 'num'],
      empty: 'No inbound flows yet: `rosterlink import <roster>` creates one.',
      rows: flows.map((i) => [
        html`<a href="/console/inbound/${i.flow.id}">${nameOf(i.flow)}</a>`,
        shortType(String(i.flow.data['@odata.type'] ?? i.flow.type)),
        badge(String(i.flow.data.readinessStatus ?? 'unknown')),
        i.latest ? when(i.latest.startedAt) : html`<span class="muted">never loaded</span>`,
        i.latest ? badge(i.latest.status) : '',
        count(i.counts.people.active),
        count(Number(i.latest?.summary?.errors ?? 0)),
        count(Number(i.latest?.summary?.warnings ?? 0)),
      ]),
    });
    return sendPage(req, reply, { title: 'Inbound data', section: 'inbound', body: card('Inbound flows', body) });
  });

  scope.get<{ Params: { id: string } }>('/inbound/:id', async (req, reply) => {
    const flow = await config.get(INBOUND_FLOWS, req.params.id);
    const latest = await deps.loads.latest(flow.id);
    const counts = await new LakeRepository(deps.runtime.store.db).counts(flow.id);
    let findings: SafeHtml = html`<p class="empty">This inbound flow has not been loaded yet.</p>`;
    if (latest) {
      const byCode = await deps.loads.countsByCode(latest.id);
      const first = await deps.loads.firstFindings(latest.id, FIRST_FINDINGS);
      findings = html`<div class="grid">
          ${card(
            'Latest load',
            keyValues([
              ['Status', badge(latest.status)],
              ['Format', html`<code>${latest.format}</code> (${latest.mode})`],
              ['Started', when(latest.startedAt)],
              ['Duration', duration(latest.startedAt, latest.finishedAt)],
              ['Load', html`<code>${latest.id}</code>`],
            ]),
          )}
          ${card(
            'Findings by code',
            table({
              head: ['Code', 'Severity', 'Count'],
              classes: [null, null, 'num'],
              empty: 'No findings: every record was valid.',
              rows: byCode.map((c) => [html`<code>${c.code}</code>`, badge(c.severity), count(c.count)]),
            }),
          )}
        </div>
        ${card(
          first.length === FIRST_FINDINGS ? `First ${FIRST_FINDINGS} findings` : 'Findings',
          table({
            head: ['File', 'Line', 'Severity', 'Code', 'sourcedId', 'Field', 'Value', 'Message'],
            classes: [null, 'num', null, null, null, null, null, 'wrap'],
            empty: 'No findings.',
            rows: first.map((f) => [
              f.file,
              f.line ?? '—',
              badge(f.severity),
              html`<code>${f.code}</code>`,
              f.sourcedId ?? '—',
              f.field ?? '—',
              f.value ?? '—',
              f.message,
            ]),
          }),
        )}`;
    }
    return sendPage(req, reply, {
      title: nameOf(flow),
      subtitle: html`Inbound flow · <a href="/console/inbound">all inbound flows</a>`,
      section: 'inbound',
      body: html`${lakeStats(counts)}${findings}`,
    });
  });
}

function lakeStats(c: LakeCounts): SafeHtml {
  return html`<div class="stats">
    ${stat('People', count(c.people.active), `${count(c.people.inactive)} inactive`)}
    ${stat('Organisations', count(c.orgs.active), `${count(c.orgs.inactive)} inactive`)}
    ${stat('Roles', count(c.roles.active))} ${stat('Classes', count(c.groups.active))}
    ${stat('Enrollments', count(c.memberships.active))}
  </div>`;
}
