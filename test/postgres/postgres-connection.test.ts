// Connection settings and failure mapping of the postgres source and target, without a server.
import { describe, expect, it } from 'vitest';
import { LakecError } from '../../compiler/diagnostics/diagnostic.js';
import { LIBPQ_ENV } from '../../compiler/types/table-source.js';
import { classifyError } from '../../runtime/control/classify-error.js';
import { postgresFailure, redactedError, redactSecrets, resolvePostgresConnection } from '../../runtime/sources/postgres/index.js';
import { acceptsServerType, duckDbTypeOf, type ServerColumn } from '../../runtime/sources/postgres/index.js';

const SECRET = 'pa55-Word!x';
const env = { PGHOST: 'db.example', PGPORT: '6543', PGUSER: 'etl', PGPASSWORD: SECRET, PGDATABASE: 'shop' };

describe('resolvePostgresConnection', () => {
  it('reads the named variables and shows no credentials', () => {
    const c = resolvePostgresConnection(LIBPQ_ENV, env);
    expect([c.host, c.port, c.user, c.database, c.password, c.ssl, c.display]).toEqual(['db.example', 6543, 'etl', 'shop', SECRET, false, 'postgres://db.example:6543/shop']);
    const custom = resolvePostgresConnection({ host: 'WH_HOST', port: 'WH_PORT', user: 'WH_USER', password: 'WH_PASS', database: 'WH_DB' }, { WH_HOST: 'wh', WH_USER: 'u', PGHOST: 'ignored' });
    expect([custom.host, custom.port, custom.user, custom.database, custom.password]).toEqual(['wh', 5432, 'u', 'u', undefined]);
  });
  it('maps PGSSLMODE and rejects a port that is not a number without echoing it', () => {
    expect(resolvePostgresConnection(LIBPQ_ENV, { ...env, PGSSLMODE: 'require' }).ssl).toEqual({ rejectUnauthorized: false });
    expect(resolvePostgresConnection(LIBPQ_ENV, { ...env, PGSSLMODE: 'verify-full' }).ssl).toBe(true);
    expect(resolvePostgresConnection(LIBPQ_ENV, { ...env, PGSSLMODE: 'prefer' }).ssl).toBe(false);
    const err = (() => { try { resolvePostgresConnection(LIBPQ_ENV, { ...env, PGPORT: SECRET }); } catch (e) { return e; } })();
    expect((err as LakecError).diagnostic.code).toBe('LK6105');
    expect(String(err)).not.toContain(SECRET);
  });
});

describe('postgresFailure', () => {
  const conn = resolvePostgresConnection(LIBPQ_ENV, env);
  const ctx = { conn, label: 'postgres source "shop.db"', doing: 'cannot connect' };
  const sysError = (code: string, message: string) => Object.assign(new Error(message), { code });
  it.each([
    [sysError('ENOTFOUND', 'getaddrinfo ENOTFOUND db.example'), 'LK6105', 'check PGHOST', 'SOURCE_UNAVAILABLE'],
    [sysError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:6543'), 'LK6105', 'is the server running and listening on PGHOST:PGPORT?', 'SOURCE_UNAVAILABLE'],
    [sysError('28P01', 'password authentication failed for user "etl"'), 'LK6105', 'check PGUSER and PGPASSWORD', 'SOURCE_UNAVAILABLE'],
    [sysError('3D000', 'database "shop" does not exist'), 'LK6105', 'check PGDATABASE', 'SOURCE_UNAVAILABLE'],
    [new Error('Connection terminated unexpectedly'), 'LK6105', 'connection settings come from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE', 'SOURCE_UNAVAILABLE'],
    [sysError('42501', 'permission denied for table album'), 'LK6201', 'connection settings come from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE', 'ENGINE_ERROR'],
  ])('maps %s', (error, code, hint, classified) => {
    const e = postgresFailure(error, ctx);
    expect([e.diagnostic.code, e.diagnostic.hint, classifyError(e).code]).toEqual([code, hint, classified]);
    expect(e.diagnostic.message.startsWith('postgres source "shop.db" at postgres://db.example:6543/shop: cannot connect: ')).toBe(true);
  });
  it('redacts the password and URL credentials from the message and the kept cause', () => {
    const raw = sysError('XX000', `bad value ${SECRET} in postgres://etl:${SECRET}@db.example/shop and postgresql://x:y@h`);
    raw.cause = new Error(`inner ${SECRET}`);
    const e = postgresFailure(raw, ctx);
    const text = [e.message, e.stack, classifyError(e).original, (e.cause as Error).stack, ((e.cause as Error).cause as Error).message].join('\n');
    expect(text).not.toContain(SECRET);
    expect(e.diagnostic.message).toContain('bad value [redacted] in postgres://etl:[redacted]@db.example/shop and postgresql://x:[redacted]@h (SQLSTATE XX000)');
    expect((e.cause as { code?: string }).code).toBe('XX000');
    expect(redactSecrets('abc', [undefined, ''])).toBe('abc');
    expect(redactedError('plain pa55-Word!x', [SECRET]).message).toBe('plain [redacted]');
  });
});

describe('server type mapping', () => {
  const col = (udtName: string, dataType = udtName, precision: number | null = null, scale: number | null = null, typtype = 'b'): ServerColumn =>
    ({ name: 'c', udtName, dataType, precision, scale, typtype });
  it.each([
    [col('int4', 'integer'), 'INTEGER', true], [col('int4', 'integer'), 'BIGINT', true], [col('int8', 'bigint'), 'INTEGER', false],
    [col('numeric', 'numeric', 10, 2), 'DECIMAL(10,2)', true], [col('numeric', 'numeric', 10, 2), 'DECIMAL(12,3)', true],
    [col('numeric', 'numeric', 10, 2), 'DECIMAL(10,3)', false], [col('numeric', 'numeric', 10, 2), 'INTEGER', false],
    [col('numeric'), 'DOUBLE', true], [col('int4', 'integer'), 'DECIMAL(12,2)', true], [col('int4', 'integer'), 'DECIMAL(11,2)', false],
    [col('varchar', 'character varying'), 'VARCHAR', true], [col('bpchar', 'character'), 'VARCHAR', true], [col('text'), 'INTEGER', false],
    [col('timestamp', 'timestamp without time zone'), 'TIMESTAMP', true], [col('timestamptz', 'timestamp with time zone'), 'TIMESTAMP', false],
    [col('date'), 'DATE', true], [col('bool', 'boolean'), 'BOOLEAN', true], [col('float8', 'double precision'), 'DOUBLE', true],
    [col('float4', 'real'), 'DOUBLE', true], [col('jsonb'), 'VARCHAR', true], [col('uuid'), 'VARCHAR', true], [col('mood', 'USER-DEFINED', null, null, 'e'), 'VARCHAR', true],
    [col('_int4', 'ARRAY'), 'VARCHAR', false], [col('interval'), 'VARCHAR', false],
  ])('%o as %s: %s', (c, declared, ok) => {
    expect(acceptsServerType(c, declared)).toBe(ok);
  });
  it('maps numeric wider than 38 digits to nothing', () => {
    expect(duckDbTypeOf(col('numeric', 'numeric', 40, 2))).toBeUndefined();
    expect(duckDbTypeOf(col('numeric', 'numeric', 38, 10))).toBe('DECIMAL(38,10)');
  });
});
