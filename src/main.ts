import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp, type AppOptions } from './api/app.js';
import { EntraTokenVerifier } from './auth/entra-tokens.js';
import { LocalTokenVerifier } from './auth/local-tokens.js';
import type { TokenVerifier } from './auth/principal.js';
import { ConfigurationService } from './configuration/configuration-service.js';
import { EmbeddedDirectory } from './directory/embedded/index.js';
import type { DirectoryAdapter } from './directory/types.js';
import { RunService } from './engine/run-service.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './engine/types.js';
import { IngestService } from './ingest/ingest-service.js';
import { writeRunReport } from './reports/run-report.js';
import { UploadSessions } from './ingest/upload-sessions.js';
import { SecretBox } from './lib/secrets.js';
import { DEFAULT_DB_URL, openStore, type Store } from './store/database.js';

/** The composition root: one store, its secret box and the services built on them. */
export interface Runtime {
  readonly store: Store;
  readonly config: ConfigurationService;
  readonly ingest: IngestService;
  readonly box: SecretBox;
  readonly directory: DirectoryAdapter;
  readonly runs: RunService;
  /** Where run reports are written; null for in-memory stores. */
  readonly reportsRoot: string | null;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  engine?: Partial<EngineOptions>;
  /** The directory target; the embedded directory in the same store by default. */
  directory?: (store: Store) => DirectoryAdapter | Promise<DirectoryAdapter>;
  /** Releases what `directory` opened (an LDAP connection keeps the process alive). */
  onClose?: () => Promise<void>;
}

export async function openRuntime(dbUrl: string = DEFAULT_DB_URL, opts: RuntimeOptions = {}): Promise<Runtime> {
  const store = await openStore(dbUrl);
  const box = SecretBox.load(store.homeDir);
  const config = new ConfigurationService(store, box);
  await config.init();
  // In-memory stores keep their uploads in a private temporary folder that goes with the process.
  const uploadsRoot = store.homeDir
    ? path.join(store.homeDir, 'uploads')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'rosterlink-uploads-'));
  const ingest = new IngestService(config, new UploadSessions(config.docs, uploadsRoot));
  const directory = opts.directory ? await opts.directory(store) : new EmbeddedDirectory(store);
  // Every run writes report.html and results.csv/json beside a file store (not for in-memory stores).
  const reportsRoot = store.homeDir ? path.join(store.homeDir, 'reports') : null;
  const runs = new RunService({
    store,
    config,
    ingest,
    box,
    adapter: directory,
    options: { ...DEFAULT_ENGINE_OPTIONS, ...opts.engine },
    reveal: (sealed) => box.decrypt(sealed),
    afterRun: reportsRoot
      ? async (runId) => void (await writeRunReport({ store, config, directory }, runId, reportsRoot))
      : undefined,
  });
  return {
    store,
    config,
    ingest,
    box,
    directory,
    runs,
    reportsRoot,
    close: async () => {
      await opts.onClose?.();
      await store.close();
      if (!store.homeDir) fs.rmSync(uploadsRoot, { recursive: true, force: true });
    },
  };
}

export type AuthMode = { mode: 'local' } | { mode: 'entra'; tenantId: string; audience: string };

export interface ServerOptions {
  runtime: Runtime;
  auth?: AuthMode;
  port?: number;
  host?: string;
  logger?: Logger | false;
  /** Throttling/fault/latency emulation on /v1.0 (`serve --emulate-throttling …`). */
  emulation?: AppOptions['emulation'];
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const auth = opts.auth ?? { mode: 'local' };
  const verifier: TokenVerifier =
    auth.mode === 'entra'
      ? new EntraTokenVerifier({ tenantId: auth.tenantId, audience: auth.audience })
      : new LocalTokenVerifier(opts.runtime.store);
  const app = await buildApp({
    runtime: opts.runtime,
    verifier,
    logger: opts.logger,
    emulation: opts.emulation,
  });
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 8080, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shownHost}:${port}`, close: () => app.close() };
}
