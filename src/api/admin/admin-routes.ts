import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RUNS } from '../../configuration/entity-sets.js';
import type { ConfigurationService } from '../../configuration/configuration-service.js';
import type { RunService } from '../../engine/run-service.js';
import { decisionCounts } from '../../engine/statistics.js';
import type { ResultRow } from '../../engine/types.js';
import { resultsToCsv } from '../../reports/results-export.js';
import type { RunResultRepository } from '../../store/repositories/run-results.js';
import { PERMISSIONS } from '../permissions.js';
import { ResourceRegistrar, type CatalogEntry } from '../graph/resource.js';

/**
 * rosterlink's own JSON outside /beta: dry-run plans and per-person run results, as JSON or CSV
 * (`?format=csv` or `Accept: text/csv`).
 */
export function registerAdminRoutes(
  app: FastifyInstance,
  catalog: CatalogEntry[],
  deps: { config: ConfigurationService; runs: RunService; results: RunResultRepository },
): void {
  const read = PERMISSIONS.outboundFlows.read;
  new ResourceRegistrar(app, catalog, 'rosterlink')
    .add('/rosterlink/v1/plans', {
      GET: {
        permissions: read,
        summary: 'Dry run: one row per person with the decision a run would take, without writing',
        status: 200,
        handler: async (req, reply) => send(req, reply, await deps.runs.plan()),
      },
    })
    .add('/rosterlink/v1/runs/:id/results', {
      GET: {
        permissions: read,
        summary: 'Per-person results of a run',
        status: 200,
        handler: async (req, reply) => {
          const run = await deps.config.get(RUNS, (req.params as { id: string }).id);
          return send(req, reply, await deps.results.list(run.id));
        },
      },
    });
}

function send(req: FastifyRequest, reply: FastifyReply, rows: ResultRow[]) {
  const query = req.query as Record<string, string | undefined>;
  const decision = query.decision;
  const selected = decision ? rows.filter((r) => r.decision === decision) : rows;
  if (query.format === 'csv' || String(req.headers.accept ?? '').includes('text/csv')) {
    return reply.type('text/csv; charset=utf-8').send(resultsToCsv(selected));
  }
  return { decisions: decisionCounts(rows), count: selected.length, value: selected };
}
