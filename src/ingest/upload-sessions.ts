import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { invalid, notFound } from '../lib/errors.js';
import type { DocumentRepository } from '../store/repositories/documents.js';

/** How long an upload session (and its signed URL) stays valid. */
export const SESSION_LIFETIME_MS = 4 * 60 * 60 * 1000;
const COLLECTION = 'uploadSessions';
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\.(csv|zip)$/i;

export interface UploadSession {
  id: string;
  connectorId: string;
  /** Only a hash is stored; the token itself lives in the URL handed to the client. */
  tokenHash: string;
  createdDateTime: string;
  expiresDateTime: string;
}

/**
 * rosterlink's stand-in for the Azure storage container behind GetUploadSession: a folder per session, written
 * through a signed URL (`?sig=`), like a SAS URL. A session's files are what `validate` and the next run read.
 */
export class UploadSessions {
  constructor(
    private readonly docs: DocumentRepository,
    private readonly root: string,
  ) {}

  /** Returns a fresh session and its token; `reset` drops the connector's earlier sessions and files. */
  async open(connectorId: string, reset: boolean): Promise<{ session: UploadSession; token: string }> {
    if (reset) await this.dropAll(connectorId);
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const session: UploadSession = {
      id: randomUUID(),
      connectorId,
      tokenHash: hash(token),
      createdDateTime: now.toISOString(),
      expiresDateTime: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
    };
    await this.docs.insert({
      collection: COLLECTION,
      id: session.id,
      parentId: connectorId,
      type: 'rosterlink.uploadSession',
      data: session,
      createdAt: session.createdDateTime,
      modifiedAt: session.createdDateTime,
    });
    fs.mkdirSync(this.folder(session), { recursive: true });
    return { session, token };
  }

  /** Stores one file PUT to the session's signed URL. */
  async receive(sessionId: string, token: string, fileName: string, body: Readable): Promise<{ bytes: number }> {
    const session = await this.authorize(sessionId, token);
    if (!FILE_NAME.test(fileName)) {
      throw invalid(`'${fileName}' is not an accepted file name: upload .csv files or one .zip, without folders.`);
    }
    const target = path.join(this.folder(session), fileName);
    const partial = `${target}.part`;
    await pipeline(body, fs.createWriteStream(partial));
    fs.renameSync(partial, target); // a crash mid-upload never leaves a half file under the real name
    return { bytes: fs.statSync(target).size };
  }

  /** The folder of the connector's newest session that holds files, or null. */
  async latestFolder(connectorId: string): Promise<string | null> {
    const sessions = (await this.docs.list<UploadSession>(COLLECTION, connectorId)).reverse();
    for (const s of sessions) {
      const folder = this.folder(s.data);
      if (fs.existsSync(folder) && fs.readdirSync(folder).some((f) => !f.endsWith('.part'))) return folder;
    }
    return null;
  }

  private async authorize(sessionId: string, token: string): Promise<UploadSession> {
    const doc = await this.docs.get<UploadSession>(COLLECTION, sessionId);
    if (!doc) throw notFound('upload session', sessionId);
    const expected = Buffer.from(doc.data.tokenHash, 'hex');
    const given = Buffer.from(hash(token), 'hex');
    if (!timingSafeEqual(expected, given))
      throw new UploadDenied('The upload signature is not valid for this session.');
    if (Date.parse(doc.data.expiresDateTime) < Date.now()) throw new UploadDenied('The upload session has expired.');
    return doc.data;
  }

  private async dropAll(connectorId: string): Promise<void> {
    for (const s of await this.docs.list<UploadSession>(COLLECTION, connectorId)) {
      fs.rmSync(this.folder(s.data), { recursive: true, force: true });
    }
    await this.docs.deleteChildren(COLLECTION, connectorId);
  }

  private folder(session: Pick<UploadSession, 'id' | 'connectorId'>): string {
    return path.join(this.root, session.connectorId, session.id);
  }
}

/** A wrong or expired upload signature (HTTP 403 on the upload endpoint). */
export class UploadDenied extends Error {}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
