import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../lib/errors.js';
import { ODataQueryError } from '../odata/errors.js';
import { GraphError, errorBody, errors } from './graph-error.js';

/** The one error handler: every failure leaves as a Graph error body; bad input is never a 500. */
export interface PathVocabulary {
  /** Lower-case segments that name something: entity sets, navigations, operations. */
  known: ReadonlySet<string>;
  /** Lower-case entity-set segments: the segment after one is a key. */
  entitySets: ReadonlySet<string>;
}

export function registerErrorHandling(app: FastifyInstance, vocabulary: PathVocabulary): void {
  app.setErrorHandler(async (err: FastifyError | Error, req, reply) => {
    const graphError = toGraphError(err);
    if (graphError.statusCode >= 500) req.log.error({ err }, 'request failed');
    return send(req, reply, graphError);
  });
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0];
    const segments = path.split('/').filter(Boolean);
    if (segments[0]?.toLowerCase() === 'beta' || segments[0]?.toLowerCase() === 'v1.0') {
      const unknown = firstUnknownSegment(segments.slice(1), vocabulary);
      return send(req, reply, errors.segmentNotFound(decodeSafe(unknown)));
    }
    return send(req, reply, new GraphError(404, 'NotFound', `No resource is served at '${path}'.`));
  });
}

function send(req: FastifyRequest, reply: FastifyReply, err: GraphError) {
  reply.code(err.statusCode).headers(err.headers).type('application/json');
  return errorBody(err, req.id, req.clientRequestId || req.id);
}

export function toGraphError(err: unknown): GraphError {
  if (err instanceof GraphError) return err;
  if (err instanceof DomainError) {
    if (err.kind === 'notFound') return new GraphError(404, 'ResourceNotFound', err.message);
    if (err.kind === 'conflict') return errors.conflict(err.message);
    return errors.badRequest(err.message);
  }
  if (err instanceof ODataQueryError) return errors.badRequest(err.message);
  const fe = err as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedMediaType(/'([^']*)'/.exec(fe.message)?.[1]);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.badRequest('The request body is empty; a JSON object is required.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.payloadTooLarge(Number(/(\d+)/.exec(fe.message)?.[1] ?? 0));
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return errors.badRequest('The Content-Length header does not match the body.');
  }
  if (err instanceof SyntaxError || fe.statusCode === 400) {
    return errors.badRequest(`The request body is not valid JSON: ${fe.message}`);
  }
  if (fe.validation) return errors.badRequest(fe.message);
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new GraphError(fe.statusCode, 'BadRequest', fe.message);
  }
  return errors.internal();
}

function firstUnknownSegment(segments: string[], vocabulary: PathVocabulary): string {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i].toLowerCase();
    const isKey = i > 0 && vocabulary.entitySets.has(segments[i - 1].toLowerCase());
    if (!isKey && !vocabulary.known.has(s)) return segments[i];
  }
  return segments.at(-1) ?? '';
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
