import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { INBOUND_FLOWS } from '../../../configuration/entity-sets.js';
import { bindKey } from '../../../model/read-body.js';
import type { IngestService } from '../../../ingest/ingest-service.js';
import { UploadDenied } from '../../../ingest/upload-sessions.js';
import { fileUploadSession } from '../../../model/inbound-types.js';
import { GraphError, errors } from '../../errors/graph-error.js';
import { PERMISSIONS } from '../../permissions.js';
import type { GraphContext } from '../graph-context.js';

const BASE = '/beta/external/industryData/dataConnectors/:id';

/**
 * The connector operations beyond CRUD: `GetUploadSession` (function), `validate` (action, also reachable through
 * an inbound flow's `dataConnector`), and rosterlink's own signed upload endpoint that `sessionUrl` points at.
 */
export function registerConnectorOperations(ctx: GraphContext, ingest: IngestService): void {
  const { respond } = ctx;
  const upload = PERMISSIONS.dataConnectors.upload;

  const validate = {
    permissions: upload,
    summary: 'Validate the uploaded files (fileValidateOperation; Location header)',
    status: 202,
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const { id, flowId } = req.params as { id?: string; flowId?: string };
      const connectorId = id ?? String((await ctx.config.get(INBOUND_FLOWS, flowId!)).data[bindKey('dataConnector')]);
      const op = await ingest.startValidation(connectorId);
      reply.header('Location', respond.location(req, `/beta/external/industryData/operations/${op.id}`));
      return reply.code(202).send();
    },
  };

  ctx
    .registrar('dataConnectors')
    .add(`${BASE}/GetUploadSession`, {
      GET: {
        permissions: upload,
        summary: 'GetUploadSession: a signed URL to upload roster files to',
        status: 200,
        responseType: fileUploadSession,
        handler: async (req) => {
          const { id } = req.params as { id: string };
          const reset = String((req.query as Record<string, string>).resetSession ?? 'false').toLowerCase() === 'true';
          const info = await ingest.getUploadSession(id, reset);
          return {
            '@odata.context': `${respond.contextRoot}/$metadata#microsoft.graph.industryData.fileUploadSession`,
            containerExpirationDateTime: info.containerExpirationDateTime,
            containerId: info.containerId,
            sessionExpirationDateTime: info.sessionExpirationDateTime,
            sessionUrl: respond.location(req, info.sessionPath),
          };
        },
      },
    })
    .add(`${BASE}/validate`, { POST: validate })
    .add('/beta/external/industryData/inboundFlows/:flowId/dataConnector/validate', { POST: validate });

  registerUploadEndpoint(ctx.app, ingest);
}

/** PUT <sessionUrl path>/<file>?sig=…: authorised by the signature, like an Azure SAS URL; any content type. */
function registerUploadEndpoint(app: FastifyInstance, ingest: IngestService): void {
  const url = '/rosterlink/v1/uploads/:sessionId/:fileName';
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    scope.route({
      method: 'PUT',
      url,
      bodyLimit: 4 * 1024 * 1024 * 1024,
      handler: async (req, reply) => {
        const { sessionId, fileName } = req.params as { sessionId: string; fileName: string };
        const sig = (req.query as Record<string, string | undefined>).sig;
        if (!sig) throw errors.unauthenticated("The upload URL needs its 'sig' parameter.");
        try {
          const { bytes } = await ingest.uploads.receive(sessionId, sig, fileName, req.body as Readable);
          return reply.code(201).send({ name: fileName, size: bytes });
        } catch (err) {
          if (err instanceof UploadDenied) throw new GraphError(403, 'AuthenticationFailed', err.message);
          throw err;
        }
      },
    });
    // The URL exists for PUT only: other verbs are told apart from an unknown resource.
    scope.route({
      method: ['GET', 'POST', 'PATCH', 'DELETE'],
      url,
      handler: async (req) => {
        throw errors.methodNotAllowed(req.method, req.url.split('?')[0]);
      },
    });
  });
}
