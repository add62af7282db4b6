// sources/postgres: turns a plan's connection (names of environment variables, never values) into the
// settings of one node-postgres client, and opens it. Shared by the postgres source and target. The
// password lives only in the client: never in a display string, message or returned object.
import { userInfo } from 'node:os';
import pg from 'pg';
import { LakecError } from '../../../compiler/diagnostics/diagnostic.js';
import type { PostgresConnectionEnv } from '../../../compiler/types/table-source.js';
import { postgresFailure } from './postgres-failure.js';

/** Environment values as the caller has them (usually `process.env`). */
export type EnvValues = Readonly<Record<string, string | undefined>>;

/** A resolved connection: where to connect and as whom, plus the secret to keep out of messages. */
export interface ResolvedConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  /** The password, or undefined when its variable is unset (then only password-less auth can work). */
  readonly password: string | undefined;
  /** TLS as node-postgres takes it, from `PGSSLMODE` in the env (see resolvePostgresConnection). */
  readonly ssl: false | true | { rejectUnauthorized: false };
  /** `postgres://HOST:PORT/DATABASE`: no user, no password; safe for logs, the plan and the manifest. */
  readonly display: string;
  /** The variable names, for hints (`set PGPASSWORD`). */
  readonly names: PostgresConnectionEnv;
}

/**
 * Reads each setting from `env[connection.<field>]`, with libpq's defaults when a variable is unset or
 * empty: host `localhost`, port 5432, user the OS user, database the user name
 * (https://www.postgresql.org/docs/current/libpq-envars.html). `PGSSLMODE` (read from `env` under that
 * fixed name) maps to TLS: `require` encrypts without verifying, `verify-ca`/`verify-full` verify,
 * anything else (`disable`, `allow`, `prefer`, unset) connects without TLS. Nothing is read from
 * `process.env` or `~/.pgpass` behind the caller's back.
 * @throws LakecError LK6105 when the port variable is not a port number (its value is not echoed).
 */
export function resolvePostgresConnection(connection: PostgresConnectionEnv, env: EnvValues): ResolvedConnection {
  const get = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  const host = get(connection.host) ?? 'localhost';
  const portText = get(connection.port) ?? '5432';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new LakecError({ code: 'LK6105', severity: 'error', message: `environment variable ${connection.port} does not hold a port number`, hint: `set ${connection.port} to the server's TCP port, e.g. 5432` });
  }
  const user = get(connection.user) ?? userInfo().username;
  const database = get(connection.database) ?? user;
  const mode = get('PGSSLMODE');
  const ssl = mode === 'require' ? { rejectUnauthorized: false as const } : mode === 'verify-ca' || mode === 'verify-full';
  return { host, port, user, database, password: get(connection.password), ssl, display: `postgres://${host}:${port}/${database}`, names: connection };
}

/**
 * Opens one client (application_name `lakec`, 30 s connect timeout). Errors of an idle client are
 * swallowed here and surface on its next query.
 * @param label who connects, for messages, e.g. `postgres source "shop.chinook"`
 * @throws LakecError LK6105 when the server is unreachable, refuses the login or the database is
 *   missing; the message names host, port, database and the failing variable, never the password.
 */
export async function connectPostgres(conn: ResolvedConnection, label: string, signal?: AbortSignal): Promise<pg.Client> {
  signal?.throwIfAborted();
  const client = new pg.Client({
    host: conn.host, port: conn.port, user: conn.user, database: conn.database, ssl: conn.ssl,
    application_name: 'lakec', connectionTimeoutMillis: 30_000,
    // A function, so node-postgres never falls back to process.env.PGPASSWORD or ~/.pgpass.
    password: async () => {
      if (conn.password === undefined) throw new Error(`the server asks for a password, but ${conn.names.password} is not set`);
      return conn.password;
    },
  });
  client.on('error', () => undefined);
  // node-postgres never settles connect() when end() is called while connecting, so an abort rejects
  // here by itself and ends the client.
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      void client.end().catch(() => undefined);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    await Promise.race([client.connect(), aborted]);
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw postgresFailure(e, { conn, label, doing: 'cannot connect' });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
  return client;
}
