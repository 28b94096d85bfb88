import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import type { ConsoleDeps } from '../deps.js';
import { conflictQueue, resolveConflict, type ConflictItem } from '../data/conflicts.js';
import { nameOf } from '../data/flows.js';
import { csrfOf, formOf, pageNumber, queryOf, redirect, sendPage } from '../http.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField, flash, pager, table, when } from '../views/components.js';

const PAGE_SIZE = 25;

/** `/console/conflicts`: the people the last run could not decide for, and the operator's answer for each. */
export function registerConflicts(scope: FastifyInstance, deps: ConsoleDeps): void {
  scope.get('/conflicts', async (req, reply) => {
    const q = queryOf(req);
    const page = pageNumber(q.page);
    const queue = await conflictQueue(deps, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
    const csrf = csrfOf(req);
    const notice = q.resolved
      ? flash('ok', html`Resolution recorded for <code>${q.resolved}</code>. The next run applies it.`)
      : q.error
        ? flash('error', q.error)
        : '';
    const body = !queue.run
      ? html`<p class="empty">No finished run yet: conflicts appear here after a run.</p>`
      : queue.total === 0
        ? html`${notice}
            <p class="empty">No conflicts in the last run.</p>`
        : html`${notice}${queue.items.map((item) => conflictCard(item, csrf))}
          ${pager({ page, pageSize: PAGE_SIZE, total: queue.total, href: (p) => `/console/conflicts?page=${p}` })}`;
    return sendPage(req, reply, {
      title: 'Conflicts',
      subtitle: queue.run
        ? html`${queue.total} open in <a href="/console/runs/${queue.run.id}">${nameOf(queue.run)}</a>`
        : undefined,
      section: 'conflicts',
      body,
    });
  });

  scope.post('/conflicts/resolve', async (req, reply) => {
    const form = formOf(req);
    const sourcedId = form.get('sourcedId') ?? '';
    try {
      await resolveConflict(deps, { sourcedId, choice: form.get('choice') ?? '' });
    } catch (err) {
      if (!(err instanceof DomainError) || err.kind !== 'invalid') throw err;
      return redirect(req, reply, `/console/conflicts?error=${encodeURIComponent(err.message)}`);
    }
    return redirect(req, reply, `/console/conflicts?resolved=${encodeURIComponent(sourcedId)}#p-${sourcedId}`);
  });
}

function conflictCard(item: ConflictItem, csrf: string): SafeHtml {
  const { row, person } = item;
  const name = person ? [person.givenName, person.familyName].filter(Boolean).join(' ') : row.sourcedId;
  const resolvable = row.candidateIds.length > 0;
  const choose = (choice: string, label: string, kind = '') =>
    html`<form class="inline" method="post" action="/console/conflicts/resolve">
      ${csrfField(csrf)}<input type="hidden" name="sourcedId" value="${row.sourcedId}" /><input
        type="hidden"
        name="choice"
        value="${choice}"
      />
      <button type="submit" class="small ${kind}">${label}</button>
    </form>`;
  const candidates = table({
    head: ['Candidate account', 'Display name', 'Mail', 'Created', 'Linked to', ''],
    empty: 'No candidate accounts.',
    rows: item.candidates.map((c) => [
      c.account
        ? html`<code>${c.account.userPrincipalName}</code>`
        : html`<span class="muted">deleted (${c.id})</span>`,
      c.account?.displayName ?? '—',
      c.account?.mail ?? '—',
      when(c.account?.createdDateTime),
      c.linkedTo ? html`<code>${c.linkedTo}</code>` : html`<span class="muted">nobody</span>`,
      c.account ? choose(`account:${c.id}`, 'Link to this account') : '',
    ]),
  });
  const resolved = item.resolution
    ? flash(
        'ok',
        item.resolution.resolution === 'create'
          ? 'Resolved: create a new account at the next run.'
          : html`Resolved: link to
              <code
                >${item.candidates.find((c) => c.id === item.resolution!.accountId)?.account?.userPrincipalName ?? item.resolution.accountId}</code
              >
              at the next run.`,
      )
    : '';
  return html`<article class="card conflict ${item.resolution ? 'resolved' : ''}" id="p-${row.sourcedId}">
    <header class="card-head">
      <h2>${name} <code>${row.sourcedId}</code></h2>
      <span class="muted">${row.roleGroup ?? 'no role group'}${row.rule ? html` · ${row.rule}` : ''}</span>
    </header>
    <p>${row.reason}</p>
    ${resolved}
    ${
      resolvable
        ? html`<div class="candidates">${candidates}</div>
            <div class="form-actions">${choose('create', 'Create a new account instead', 'secondary')}</div>`
        : html`<p class="hint">Nothing to choose from: fix the roster data or the flow’s settings, then run again.</p>`
    }
  </article>`;
}
