import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'ldapts';

/**
 * A real OpenLDAP server for tests: our own slapd on a free port with a generated slapd.conf (core, cosine, nis,
 * inetorgperson and msuser schemas; an mdb database in a temporary directory), never the system instance.
 * Install with `apt-get install -y slapd ldap-utils` (what .ci/run does).
 */
export interface Slapd {
  url: string;
  suffix: string;
  /** `ou=people,<suffix>`, created empty. */
  peopleDN: string;
  rootDN: string;
  rootPassword: string;
  stop(): Promise<void>;
}

const SCHEMAS = ['core', 'cosine', 'nis', 'inetorgperson', 'msuser'];
const SCHEMA_DIR = '/etc/ldap/schema';
const SUFFIX = 'dc=rosterlink,dc=test';

function findBinary(name: string): string | undefined {
  const dirs = ['/usr/sbin', '/usr/local/sbin', '/usr/local/libexec', ...(process.env.PATH ?? '').split(':')];
  return dirs.map((d) => path.join(d, name)).find((p) => fs.existsSync(p));
}

/**
 * Why the slapd tests cannot run here, or undefined when they can. Only a machine without slapd and without `CI`
 * skips; in CI a missing slapd is an error, so the LDAP suites cannot silently stop running.
 */
export function slapdSkipReason(): string | undefined {
  if (findBinary('slapd') && findBinary('slaptest')) return undefined;
  const reason = 'slapd is not installed (apt-get install -y slapd ldap-utils): LDAP tests skipped';
  if (process.env.CI) throw new Error(`${reason.split(':')[0]}, and CI is set: the LDAP suites must run in CI`);
  return reason;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function writeConfig(dir: string, rootPassword: string): string {
  fs.mkdirSync(path.join(dir, 'db'));
  const conf = [
    ...SCHEMAS.map((s) => `include ${SCHEMA_DIR}/${s}.schema`),
    `pidfile ${path.join(dir, 'slapd.pid')}`,
    `argsfile ${path.join(dir, 'slapd.args')}`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'database mdb',
    'maxsize 268435456',
    `suffix "${SUFFIX}"`,
    `rootdn "cn=admin,${SUFFIX}"`,
    `rootpw ${rootPassword}`,
    `directory ${path.join(dir, 'db')}`,
    // Equality indexes for the attributes the adapter searches by.
    'index objectClass,uid,mail,employeeNumber,entryUUID,cn eq',
    '',
  ].join('\n');
  const file = path.join(dir, 'slapd.conf');
  fs.writeFileSync(file, conf, { mode: 0o600 });
  return file;
}

async function waitForBind(url: string, dn: string, password: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`slapd exited with ${child.exitCode}:\n${output()}`);
    const client = new Client({ url, connectTimeout: 1000 });
    try {
      await client.bind(dn, password);
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`slapd did not answer on ${url}: ${String(err)}\n${output()}`, { cause: err });
      }
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
}

/** Starts slapd (validated with `slaptest -u` first) and creates the suffix and `ou=people`. */
export async function startSlapd(): Promise<Slapd> {
  const slapd = findBinary('slapd');
  const slaptest = findBinary('slaptest');
  if (!slapd || !slaptest) throw new Error('slapd is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-slapd-'));
  const rootPassword = 'rosterlink-test-root';
  const rootDN = `cn=admin,${SUFFIX}`;
  const conf = writeConfig(dir, rootPassword);
  await promisify(execFile)(slaptest, ['-f', conf, '-u']);
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  // -d 0: stay in the foreground (our child to stop) with no debug output.
  const child = spawn(slapd, ['-f', conf, '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForBind(url, rootDN, rootPassword, child, () => out);
    const client = new Client({ url });
    await client.bind(rootDN, rootPassword);
    await client.add(SUFFIX, { objectClass: ['dcObject', 'organization'], dc: 'rosterlink', o: 'rosterlink' });
    await client.add(`ou=people,${SUFFIX}`, { objectClass: 'organizationalUnit', ou: 'people' });
    await client.unbind();
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, suffix: SUFFIX, peopleDN: `ou=people,${SUFFIX}`, rootDN, rootPassword, stop };
}
