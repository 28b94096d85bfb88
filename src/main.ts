import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './api/app.js';
import { EntraTokenVerifier } from './auth/entra-tokens.js';
import { LocalTokenVerifier } from './auth/local-tokens.js';
import type { TokenVerifier } from './auth/principal.js';
import { ConfigurationService } from './configuration/configuration-service.js';
import { SecretBox } from './lib/secrets.js';
import { DEFAULT_DB_URL, openStore, type Store } from './store/database.js';

/** The composition root: one store, its secret box and the services built on them. */
export interface Runtime {
  readonly store: Store;
  readonly config: ConfigurationService;
  close(): Promise<void>;
}

export async function openRuntime(dbUrl: string = DEFAULT_DB_URL): Promise<Runtime> {
  const store = await openStore(dbUrl);
  const config = new ConfigurationService(store, SecretBox.load(store.homeDir));
  await config.init();
  return { store, config, close: () => store.close() };
}

export type AuthMode = { mode: 'local' } | { mode: 'entra'; tenantId: string; audience: string };

export interface ServerOptions {
  runtime: Runtime;
  auth?: AuthMode;
  port?: number;
  host?: string;
  logger?: Logger | false;
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
  const app = await buildApp({ config: opts.runtime.config, verifier, logger: opts.logger });
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 8080, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shownHost}:${port}`, close: () => app.close() };
}
