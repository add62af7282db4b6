// sources/postgres: one place that turns a node-postgres or network error into a lakec diagnostic,
// redacted, so the control plane classifies it by code and no credential leaks into its text.
import pg from 'pg';
import { LakecError } from '../../../compiler/diagnostics/diagnostic.js';
import type { ResolvedConnection } from './postgres-connection.js';
import { redactedError, redactSecrets } from './redact-secrets.js';

/**
 * SQLSTATE classes meaning the server is unreachable, refused us, or could not go on
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html): 08 connection exception,
 * 28 invalid authorization, 3D invalid catalog name (no such database), 53 insufficient resources,
 * 57 operator intervention (shutdown, cancel), 58 system error, 40 transaction rollback (serialization,
 * deadlock: worth a retry).
 */
const UNAVAILABLE_CLASSES = new Set(['08', '28', '3D', '53', '57', '58', '40']);

/** Node network errno codes that mean the server cannot be reached. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

const DROPPED = /Connection terminated|connection timeout|timeout expired|server closed the connection|asks for a password|Client was closed/i;

/**
 * True when `error` came from the server or the connection to it (a pg DatabaseError, a network
 * errno, a dropped or timed-out connection), as opposed to lakec's own work (files, the engine).
 */
export function isPostgresError(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  return error instanceof Error && !(error instanceof LakecError) && code === undefined && DROPPED.test(error.message);
}

/** What failed, for the message: `label` names the source or target, `doing` the step. */
export interface FailureContext {
  readonly conn: ResolvedConnection;
  readonly label: string;
  readonly doing: string;
}

/**
 * A LakecError for `error`: LK6105 (SOURCE_UNAVAILABLE, transient) when the server is unreachable or
 * refuses the login or the session (see UNAVAILABLE_CLASSES, NETWORK_CODES, a dropped connection),
 * LK6201 (ENGINE_ERROR) for any other server error. Message shape:
 * `<label> at postgres://HOST:PORT/DB: <doing>: <server message> (SQLSTATE xxxxx)`; the cause is a
 * redacted copy (redactedError). A LakecError is returned unchanged.
 */
export function postgresFailure(error: unknown, ctx: FailureContext): LakecError {
  if (error instanceof LakecError) return error;
  const secrets = [ctx.conn.password];
  const code = (error as { code?: unknown } | null)?.code;
  const sqlstate = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
  const raw = error instanceof Error ? error.message : String(error);
  const text = redactSecrets(raw.split('\n')[0] ?? raw, secrets);
  const unavailable = (sqlstate !== undefined && UNAVAILABLE_CLASSES.has(sqlstate.slice(0, 2))) ||
    (typeof code === 'string' && NETWORK_CODES.has(code)) || DROPPED.test(raw);
  const message = `${ctx.label} at ${ctx.conn.display}: ${ctx.doing}: ${text}${sqlstate ? ` (SQLSTATE ${sqlstate})` : ''}`;
  return new LakecError({ code: unavailable ? 'LK6105' : 'LK6201', severity: 'error', message, hint: hintFor(sqlstate, code, ctx.conn) }, { cause: redactedError(error, secrets) });
}

function hintFor(sqlstate: string | undefined, code: unknown, conn: ResolvedConnection): string {
  const n = conn.names;
  if (sqlstate?.startsWith('28')) return `check ${n.user} and ${n.password}`;
  if (sqlstate === '3D000') return `check ${n.database}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `check ${n.host}`;
  if (code === 'ECONNREFUSED') return `is the server running and listening on ${n.host}:${n.port}?`;
  return `connection settings come from ${n.host}, ${n.port}, ${n.user}, ${n.password}, ${n.database}`;
}
