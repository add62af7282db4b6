// DuckDB catalog types -> Trino types (trinoType, for expressions) and Hive-connector column types
// (hiveColumnType, for the DDL over DuckDB's Parquet), and the types refused.
import { describe, expect, it } from 'vitest';
import { hiveColumnType, trinoType } from '../../compiler/index.js';

describe('trinoType', () => {
  it.each([
    ['BIGINT', 'BIGINT'], ['INTEGER', 'INTEGER'], ['SMALLINT', 'SMALLINT'], ['TINYINT', 'TINYINT'],
    ['DOUBLE', 'DOUBLE'], ['FLOAT', 'REAL'], ['REAL', 'REAL'], ['BOOLEAN', 'BOOLEAN'], ['VARCHAR', 'VARCHAR'], ['VARCHAR(20)', 'VARCHAR'],
    ['TEXT', 'VARCHAR'], ['INT', 'INTEGER'], ['DATE', 'DATE'], ['TIME', 'TIME(6)'],
    ['TIMESTAMP', 'TIMESTAMP(6)'], ['TIMESTAMP_MS', 'TIMESTAMP(3)'], ['TIMESTAMP_NS', 'TIMESTAMP(9)'], ['DATETIME', 'TIMESTAMP(6)'],
    ['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP(6) WITH TIME ZONE'], ['TIMESTAMPTZ', 'TIMESTAMP(6) WITH TIME ZONE'],
    ['DECIMAL(10,2)', 'DECIMAL(10,2)'], ['DECIMAL(38, 10)', 'DECIMAL(38,10)'], ['DECIMAL', 'DECIMAL(18,3)'], ['NUMERIC(12)', 'DECIMAL(12,0)'],
    ['BLOB', 'VARBINARY'], ['UUID', 'UUID'], ['JSON', 'JSON'], ['HUGEINT', 'DECIMAL(38,0)'], ['UBIGINT', 'DECIMAL(20,0)'], ['UINTEGER', 'BIGINT'],
    ['VARCHAR[]', 'ARRAY(VARCHAR)'], ['BIGINT[][]', 'ARRAY(ARRAY(BIGINT))'], ['INTEGER[3]', 'ARRAY(INTEGER)'],
    ['STRUCT(a INTEGER, "b c" VARCHAR[])', 'ROW(a INTEGER, "b c" ARRAY(VARCHAR))'], ['STRUCT(x STRUCT(y DATE))[]', 'ARRAY(ROW(x ROW(y DATE)))'],
    ['MAP(VARCHAR, BIGINT)', 'MAP(VARCHAR, BIGINT)'],
  ])('%s -> %s', (duckdb, trino) => {
    expect(trinoType(duckdb)).toBe(trino);
  });

  it.each([
    ['INTERVAL', /two interval types/], ['ENUM(\'a\')', /can read|no Trino type/], ['BIT', /no Trino type/], ['DECIMAL(40,2)', /precision from 1 to 38/], ['STRUCT(', /can read/],
  ])('refuses %s', (duckdb, why) => {
    expect(() => trinoType(duckdb)).toThrow(why);
  });
});

describe('hiveColumnType', () => {
  it.each([
    ['TIMESTAMP', 'TIMESTAMP'], ['TIMESTAMP_NS', 'TIMESTAMP'], ['HUGEINT', 'DOUBLE'], ['JSON', 'VARCHAR'],
    ['DECIMAL(10,2)', 'DECIMAL(10,2)'], ['VARCHAR[]', 'ARRAY(VARCHAR)'], ['STRUCT(t TIMESTAMP)', 'ROW(t TIMESTAMP)'], ['BLOB', 'VARBINARY'],
  ])('%s -> %s', (duckdb, trino) => {
    expect(hiveColumnType(duckdb)).toBe(trino);
  });

  it.each(['TIMESTAMP WITH TIME ZONE', 'TIME', 'UUID', 'UBIGINT', 'STRUCT(u UUID)', 'INTERVAL'])('refuses %s', (duckdb) => {
    expect(() => hiveColumnType(duckdb)).toThrow(/Hive connector|interval types|unsigned/);
  });
});
