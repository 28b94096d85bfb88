import type { FastifyRequest } from 'fastify';
import { ACTIVITIES, RUNS } from '../../../configuration/entity-sets.js';
import type { RunService } from '../../../engine/run-service.js';
import { industryDataRun, industryDataRunActivity, industryDataRunStatistics } from '../../../model/run-types.js';
import { notFound } from '../../../lib/errors.js';
import { PERMISSIONS } from '../../permissions.js';
import type { GraphContext } from '../graph-context.js';

const ROOT = 'external/industryData/runs';
const BASE = `/beta/${ROOT}`;

/** Runs are read-only entities plus `start` (202) and `getStatistics` (200); activities are contained in a run. */
export function registerRuns(ctx: GraphContext, runs: RunService): void {
  const { config, respond } = ctx;
  const { read, write } = PERMISSIONS.runs;
  const runId = (req: FastifyRequest) => (req.params as { id: string }).id;
  const runWire = (doc: Awaited<ReturnType<typeof config.get>>) =>
    respond.entity(industryDataRun, doc.data, `${ROOT}('${doc.id}')`);
  const activitiesOf = async (id: string) => {
    const run = await config.get(RUNS, id);
    const docs = await config.docs.list<Record<string, unknown>>(ACTIVITIES.collection, run.id);
    return {
      run,
      items: docs.map((d) =>
        respond.entity(industryDataRunActivity, d.data, `${ROOT}('${run.id}')/activities('${d.id}')`),
      ),
    };
  };

  ctx
    .registrar('runs')
    .add(BASE, {
      GET: {
        permissions: read,
        summary: 'List industryDataRuns',
        status: 200,
        responseType: industryDataRun,
        collection: true,
        handler: async (req) => respond.collection(req, (await config.list(RUNS)).map(runWire), ROOT, industryDataRun),
      },
    })
    .add(`${BASE}/start`, {
      POST: {
        permissions: write,
        summary: 'Start an on-demand run (202)',
        status: 202,
        handler: async (req, reply) => {
          const { id, done } = await runs.start();
          done.catch((err: unknown) => req.log.error({ err, runId: id }, 'run failed'));
          reply.header('Location', respond.location(req, `${BASE}/${id}`));
          return reply.code(202).send();
        },
      },
    })
    .add(`${BASE}/:id`, {
      GET: {
        permissions: read,
        summary: 'Get an industryDataRun',
        status: 200,
        responseType: industryDataRun,
        handler: async (req) =>
          respond.single(req, runWire(await config.get(RUNS, runId(req))), `${ROOT}/$entity`, industryDataRun),
      },
    })
    .add(`${BASE}/:id/getStatistics`, {
      GET: {
        permissions: read,
        summary: 'getStatistics of a run',
        status: 200,
        responseType: industryDataRunStatistics,
        handler: async (req) => {
          const run = await config.get(RUNS, runId(req));
          const stats = (run.data._statistics as Record<string, unknown> | undefined) ?? {
            runId: run.id,
            status: run.data.status,
            activityStatistics: [],
            inboundTotals: null,
          };
          return {
            '@odata.context': `${respond.contextRoot}/$metadata#microsoft.graph.industryData.industryDataRunStatistics`,
            '@odata.type': '#microsoft.graph.industryData.industryDataRunStatistics',
            ...stats,
          };
        },
      },
    })
    .add(`${BASE}/:id/activities`, {
      GET: {
        permissions: read,
        summary: 'List the activities of a run (polymorphic)',
        status: 200,
        responseType: industryDataRunActivity,
        collection: true,
        handler: async (req) => {
          const { run, items } = await activitiesOf(runId(req));
          return respond.collection(req, items, `${ROOT}('${run.id}')/activities`, industryDataRunActivity);
        },
      },
    })
    .add(`${BASE}/:id/activities/:activityId`, {
      GET: {
        permissions: read,
        summary: 'Get an activity of a run',
        status: 200,
        responseType: industryDataRunActivity,
        handler: async (req) => {
          const { activityId } = req.params as { activityId: string };
          const run = await config.get(RUNS, runId(req));
          const doc = await config.docs.get<Record<string, unknown>>(ACTIVITIES.collection, activityId, run.id);
          if (!doc) throw notFound('industryDataRunActivity', activityId);
          const wire = respond.entity(
            industryDataRunActivity,
            doc.data,
            `${ROOT}('${run.id}')/activities('${doc.id}')`,
          );
          return respond.single(req, wire, `${ROOT}('${run.id}')/activities/$entity`, industryDataRunActivity);
        },
      },
    });
}
