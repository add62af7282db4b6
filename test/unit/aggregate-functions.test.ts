// The compiler's constant list of aggregate functions is exactly what the pinned DuckDB registers.
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test } from 'vitest';
import { DUCKDB_AGGREGATE_FUNCTIONS } from '../../compiler/check/lineage/aggregate-functions.js';

test('DUCKDB_AGGREGATE_FUNCTIONS equals duckdb_functions() aggregates of the installed engine', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll("SELECT DISTINCT lower(function_name) AS f FROM duckdb_functions() WHERE function_type = 'aggregate' ORDER BY 1");
    const engine = reader.getRowObjects().map((r) => String(r['f']));
    expect([...DUCKDB_AGGREGATE_FUNCTIONS].sort()).toEqual(engine);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});
