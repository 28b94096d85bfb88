import { randomUUID } from 'node:crypto';
import type { ConfigurationService } from '../configuration/configuration-service.js';
import { DATA_CONNECTORS, OPERATIONS } from '../configuration/entity-sets.js';
import { graphNow, toGraphDateTime } from '../lib/clock.js';
import { invalid } from '../lib/errors.js';
import { fileValidateOperation } from '../model/inbound-types.js';
import { TYPE_KEY } from '../model/read-body.js';
import type { Finding } from '../inbound/model.js';
import type { UploadSessions } from './upload-sessions.js';
import { validateRosterFolder } from './validate-roster.js';

/** At most this many errors (and as many warnings) are listed on a validate operation; the report has all. */
export const MAX_LISTED_FINDINGS = 1000;

export interface UploadSessionInfo {
  containerExpirationDateTime: string;
  containerId: string;
  sessionExpirationDateTime: string;
  /** Path and signature; the API puts its own origin in front. */
  sessionPath: string;
}

/** The connector side of inbound data: upload sessions and validation operations. */
export class IngestService {
  constructor(
    private readonly config: ConfigurationService,
    readonly uploads: UploadSessions,
  ) {}

  async getUploadSession(connectorId: string, reset: boolean): Promise<UploadSessionInfo> {
    const connector = await this.config.get(DATA_CONNECTORS, connectorId);
    if (!String(connector.type).endsWith('azureDataLakeConnector')) {
      throw invalid(
        `GetUploadSession is a function of azureDataLakeConnector; '${connectorId}' is a ${connector.type}.`,
      );
    }
    const { session, token } = await this.uploads.open(connector.id, reset);
    const expires = toGraphDateTime(session.expiresDateTime) ?? session.expiresDateTime;
    return {
      containerExpirationDateTime: expires,
      containerId: session.connectorId,
      sessionExpirationDateTime: expires,
      sessionPath: `/rosterlink/v1/uploads/${session.id}?sig=${token}`,
    };
  }

  /**
   * Starts validating the connector's uploaded files and returns the operation id at once; the operation moves
   * from `running` to `succeeded` (findings listed) or `failed` (a catastrophic finding, or nothing uploaded).
   */
  async startValidation(connectorId: string): Promise<{ id: string; done: Promise<void> }> {
    const connector = await this.config.get(DATA_CONNECTORS, connectorId);
    const id = randomUUID();
    const now = graphNow();
    const base = {
      [TYPE_KEY]: fileValidateOperation.name,
      id,
      createdDateTime: now,
      lastActionDateTime: now,
      resourceLocation: `external/industryData/dataConnectors('${connector.id}')`,
      status: 'running',
      statusDetail: null,
      errors: [],
      warnings: [],
      validatedFiles: [],
    };
    await this.config.docs.insert({
      collection: OPERATIONS.collection,
      id,
      parentId: connector.id,
      type: fileValidateOperation.name,
      data: base,
      createdAt: now,
      modifiedAt: now,
    });
    // `done` never rejects: a failure is recorded on the operation, and if even that fails (the store was closed
    // under a running validation) there is nobody left to tell.
    const done = this.runValidation(connector.id, id, base)
      .catch((err: unknown) =>
        this.finish(id, { ...base, status: 'failed', statusDetail: `Validation failed: ${String(err)}` }),
      )
      .catch(() => undefined);
    return { id, done };
  }

  private async runValidation(connectorId: string, id: string, base: Record<string, unknown>): Promise<void> {
    const folder = await this.uploads.latestFolder(connectorId);
    if (!folder) {
      await this.finish(id, {
        ...base,
        status: 'failed',
        statusDetail: 'No files have been uploaded to this connector.',
      });
      return;
    }
    const result = await validateRosterFolder(folder);
    const list = (severity: Finding['severity'][]) =>
      result.findings
        .filter((f) => severity.includes(f.severity))
        .slice(0, MAX_LISTED_FINDINGS)
        .map(toPublicError);
    await this.finish(id, {
      ...base,
      status: result.catastrophic ? 'failed' : 'succeeded',
      statusDetail: result.summary,
      errors: list(['catastrophic', 'error']),
      warnings: list(['warning']),
      validatedFiles: result.files,
    });
  }

  private async finish(id: string, data: Record<string, unknown>): Promise<void> {
    const now = graphNow();
    await this.config.docs.replace(OPERATIONS.collection, id, { ...data, lastActionDateTime: now }, now);
  }
}

function toPublicError(f: Finding) {
  return {
    code: f.code,
    message: f.message,
    target: f.line > 0 ? `${f.file}:${f.line}` : f.file,
    details: f.field ? [{ code: f.severity, message: `${f.field}=${f.value}`, target: f.sourcedId || null }] : [],
    innerError: null,
  };
}
