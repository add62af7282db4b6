// Test support: a throwaway PostgreSQL server (Debian's `postgresql` package) on a free loopback port,
// with a temporary data directory, a password-authenticated test role and a trusted admin role on a
// private Unix socket. Tests call startPostgres() in beforeAll and stop() in afterAll.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './paths.js';

/** The Chinook script (creates database `chinook`; see ../shared/data/README.md). */
export const CHINOOK_SQL = join(REPO, '..', 'shared', 'data', 'chinook', 'Chinook_PostgreSql.sql');

/** libpq connection variables for the test role over TCP (a type alias, so it is assignable to an env record). */
export type PostgresEnv = {
  PGHOST: string;
  PGPORT: string;
  PGUSER: string;
  PGPASSWORD: string;
  PGDATABASE: string;
};

/** A running test server. */
export interface PostgresServer {
  /** Connects as the test role (`lakec`, random password) to its own database `lakec` over 127.0.0.1. */
  readonly env: PostgresEnv;
  readonly port: number;
  /**
   * Runs `sql` (any number of statements, psql meta-commands allowed) with psql as the superuser over
   * the Unix socket; returns stdout of unaligned, tuples-only output (`|` between fields), trimmed.
   * @throws Error with psql's stderr when a statement fails (ON_ERROR_STOP).
   */
  psql(sql: string, database?: string): Promise<string>;
  /** Loads Chinook into database `chinook`, grants the test role SELECT there; returns env for it. */
  loadChinook(): Promise<PostgresEnv>;
  /** Stops the server (fast shutdown) and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The bin directory of the newest installed PostgreSQL (`pg_config --bindir`, else the highest
 * `/usr/lib/postgresql/<n>/bin`), or undefined when none has `initdb`.
 */
export function findPostgresBinDir(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // pg_config is optional (Debian ships it in libpq-dev or postgresql-common's wrapper).
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(root, v, 'bin')));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/**
 * Why PostgreSQL tests are skipped here, or undefined when they run. They are skipped only when no
 * PostgreSQL binaries exist and CI is not set: on CI (where .ci/run installs `postgresql`) they must run.
 */
export function postgresSkipReason(): string | undefined {
  if (findPostgresBinDir() !== undefined || process.env['CI']) return undefined;
  return 'PostgreSQL tests skipped: no initdb/pg_ctl found (install Debian\'s `postgresql` package, as .ci/run does)';
}

const ADMIN = 'lakec_admin';
const ROLE = 'lakec';

/**
 * Starts a server: initdb into a temporary directory, `pg_ctl start` on a free port of 127.0.0.1 with
 * its socket in that directory, then creates role `lakec` (LOGIN, random password, scram-sha-256 over
 * TCP) owning database `lakec`. As root, the server runs as the `postgres` OS user (initdb refuses root).
 * Durability is off (fsync, full_page_writes, synchronous_commit): test data only. The server is stopped
 * by stop(), at process exit, or by a watchdog when this process is killed.
 * @throws Error when no binaries exist or the server does not start (3 ports tried).
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBinDir();
  if (bin === undefined) throw new Error('no PostgreSQL binaries found (apt-get install -y postgresql)');
  const owner = serverOwner();
  const dir = mkdtempSync(join(tmpdir(), 'lakec-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const runAsOwner = (cmd: string, args: string[]) => run(join(bin, cmd), args, { cwd: dir, ...(owner ?? {}) });
  let port = 0;
  let started = false;
  try {
    await runAsOwner('initdb', ['-D', data, '-U', ADMIN, '-A', 'trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
    for (let attempt = 0; attempt < 3 && !started; attempt++) {
      port = await freePort();
      const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=50`;
      started = await runAsOwner('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', opts]).then(() => true, () => false);
    }
    if (!started) throw new Error(`PostgreSQL did not start:\n${readLog(dir)}`);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const stopSync = (): void => {
    try {
      execFileSync(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate'], { cwd: dir, stdio: 'ignore', ...(owner ?? {}) });
    } catch {
      // already stopped
    }
  };
  process.once('exit', stopSync);
  // If this process dies without running exit handlers (a killed test worker), a detached watchdog
  // stops the server and removes its directory.
  const watchdog = spawn('sh', ['-c', `while [ -d /proc/${process.pid} ]; do sleep 1; done; '${join(bin, 'pg_ctl')}' stop -D '${data}' -m immediate >/dev/null 2>&1; rm -rf '${dir}'`],
    { cwd: dir, detached: true, stdio: 'ignore', ...(owner ?? {}) });
  watchdog.unref();
  const psql = (sql: string, database = ROLE): Promise<string> =>
    run(join(bin, 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', ADMIN, '-d', database, '-f', '-'], { cwd: dir, input: sql }).then((o) => o.trim());
  const password = randomBytes(18).toString('base64url');
  const env: PostgresEnv = { PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: ROLE, PGPASSWORD: password, PGDATABASE: ROLE };
  let stopped = false;
  const server: PostgresServer = {
    env, port, psql,
    async loadChinook() {
      await psql(readFileSync(CHINOOK_SQL, 'utf8'), 'postgres');
      await psql(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${ROLE};`, 'chinook');
      return { ...env, PGDATABASE: 'chinook' };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopSync);
      watchdog.kill();
      await runAsOwner('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30']).catch(stopSync);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await psql(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${password}'; CREATE DATABASE ${ROLE} OWNER ${ROLE};`, 'postgres');
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}

/** The `postgres` OS user's ids when running as root (the server refuses root), else undefined. */
function serverOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error('running as root, but there is no `postgres` OS user to run the server as');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A TCP port of 127.0.0.1 that was free a moment ago (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a command with the PG* variables of this process removed; rejects with its stderr on failure. */
function run(cmd: string, args: string[], opts: { cwd: string; uid?: number; gid?: number; input?: string }): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...env, LC_ALL: 'C' }, stdio: ['pipe', 'pipe', 'pipe'], ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid } : {}) });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args[0] ?? ''} exited with ${code}: ${err.trim()}`))));
    child.stdin.end(opts.input ?? '');
  });
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'server.log'), 'utf8').slice(-2000);
  } catch {
    return '(no server log)';
  }
}
