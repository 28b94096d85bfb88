import { DirectoryService, EmbeddedDirectory } from '../directory/embedded/index.js';
import type { Responder } from '../api/graph/responder.js';
import type { Runtime } from '../main.js';
import { ConsoleAuthRepository } from '../store/repositories/console-auth.js';
import { InboundLoadRepository } from '../store/repositories/inbound-loads.js';
import { LinkRepository } from '../store/repositories/links.js';
import { RunResultRepository } from '../store/repositories/run-results.js';
import { ConsoleAuth } from './auth/console-auth.js';

/** What the console's pages use: the runtime's services and the repositories behind the pages' reads. */
export interface ConsoleDeps {
  runtime: Runtime;
  auth: ConsoleAuth;
  results: RunResultRepository;
  links: LinkRepository;
  loads: InboundLoadRepository;
  /** The embedded directory's account service; null when runs write to another directory (Graph, LDAP). */
  accounts: DirectoryService | null;
  /** The API's response builder: entities shown as Graph JSON are built exactly as the API builds them. */
  respond: Responder;
}

export function consoleDeps(runtime: Runtime, respond: Responder): ConsoleDeps {
  const { db } = runtime.store;
  return {
    runtime,
    auth: new ConsoleAuth(new ConsoleAuthRepository(db)),
    results: new RunResultRepository(db),
    links: new LinkRepository(db),
    loads: new InboundLoadRepository(db),
    accounts: runtime.directory instanceof EmbeddedDirectory ? new DirectoryService(runtime.store) : null,
    respond,
  };
}
