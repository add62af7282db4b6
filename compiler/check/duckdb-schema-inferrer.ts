// check/: SchemaInferrer over DuckDB's binder: declared relations are empty tables; a query's
// schema is `DESCRIBE <query>`, so types are exactly what DuckDB will produce at apply time. The
// fallback and the oracle of check/fast-types/; the engine package is imported on open.
// @see https://duckdb.org/docs/stable/guides/meta/describe
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { ColumnSchema } from '../types/xml-mapping.js';
import type { InferenceError, SchemaInferrer } from './schema-inferrer.js';

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Opens an in-memory DuckDB used only for schema inference. */
export async function openDuckDbSchemaInferrer(): Promise<SchemaInferrer> {
  const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
  const instance = await Instance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  return new DuckDbSchemaInferrer(instance, connection);
}

class DuckDbSchemaInferrer implements SchemaInferrer {
  private readonly schemas = new Set<string>();
  constructor(private readonly instance: DuckDBInstance, private readonly connection: DuckDBConnection) {}

  async declare(name: string, layer: string, columns: readonly ColumnSchema[]): Promise<void> {
    const cols = columns.length ? columns.map((c) => `${q(c.name)} ${c.type}`).join(', ') : '"__empty" INTEGER';
    await this.connection.run(`CREATE OR REPLACE TABLE main.${q(name)} (${cols})`);
    if (layer !== 'main') {
      if (!this.schemas.has(layer)) {
        await this.connection.run(`CREATE SCHEMA IF NOT EXISTS ${q(layer)}`);
        this.schemas.add(layer);
      }
      await this.connection.run(`CREATE OR REPLACE VIEW ${q(layer)}.${q(name)} AS SELECT * FROM main.${q(name)}`);
    }
  }

  async infer(sql: string): Promise<{ ok: true; columns: ColumnSchema[] } | { ok: false; error: InferenceError }> {
    try {
      const reader = await this.connection.runAndReadAll(`DESCRIBE ${sql}`);
      const columns = reader.getRowObjects().map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
      return { ok: true, columns };
    } catch (e) {
      return { ok: false, error: toInferenceError(e instanceof Error ? e.message : String(e), sql) };
    }
  }

  async inferBatch(models: readonly { readonly name: string; readonly layer: string; readonly sql: string; readonly layerView: boolean }[]): Promise<Map<string, ColumnSchema[]> | undefined> {
    if (!models.length) return new Map();
    let script = '';
    for (const m of models) {
      script += `CREATE OR REPLACE TABLE main.${q(m.name)} AS SELECT * FROM (${m.sql}\n) LIMIT 0;\n`;
      if (m.layerView && m.layer !== 'main') {
        if (!this.schemas.has(m.layer)) {
          script += `CREATE SCHEMA IF NOT EXISTS ${q(m.layer)};\n`;
          this.schemas.add(m.layer);
        }
        script += `CREATE OR REPLACE VIEW ${q(m.layer)}.${q(m.name)} AS SELECT * FROM main.${q(m.name)};\n`;
      }
    }
    try {
      await this.connection.run(script);
    } catch {
      return undefined;
    }
    const { listValue } = await import('@duckdb/node-api');
    const reader = await this.connection.runAndReadAll(
      "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND database_name = current_database() AND list_contains($1::VARCHAR[], table_name) ORDER BY table_name, column_index",
      [listValue(models.map((m) => m.name))],
    );
    const out = new Map<string, ColumnSchema[]>();
    const wanted = new Set(models.map((m) => m.name));
    for (const r of reader.getRowObjects()) {
      const table = String(r['table_name']);
      if (!wanted.has(table)) continue;
      let cols = out.get(table);
      if (!cols) out.set(table, (cols = []));
      cols.push({ name: String(r['column_name']), type: String(r['data_type']) });
    }
    return out;
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/**
 * Reads DuckDB's error text: first line is `<Kind> Error: message`; a `LINE n: <snippet>` line and a
 * caret line give the position (the snippet may be a window of a long line, so the caret column is
 * mapped back by locating the snippet in the SQL). Positions are relative to `sql` (after `DESCRIBE `).
 */
export function toInferenceError(text: string, sql: string): InferenceError {
  const lines = text.split('\n');
  const message = (lines[0] ?? text).replace(/^[A-Za-z ]*Error: /, '').replace(/!$/, '');
  const candidates = /Candidate bindings: :? ?(.*)/.exec(text)?.[1];
  const kind = /not found in FROM clause|does not have a column named|column .* not found/i.test(message) ? 'unknown_column' : /^Ambiguous reference/i.test(message) ? 'ambiguous' : 'other';
  const use = /\(use: (.*)\)/.exec(message)?.[1];
  const hint = candidates ? `did you mean one of ${candidates.trim()}?` : use ? `qualify it: ${use}` : undefined;
  const base: InferenceError = { message: lowerFirst(message), kind, ...(hint ? { hint } : {}) };
  const li = lines.findIndex((l) => /^LINE \d+: /.test(l));
  if (li < 0) return base;
  const m = /^LINE (\d+): (.*)$/.exec(lines[li]!)!;
  const caret = lines[li + 1]?.indexOf('^') ?? -1;
  const line = Number(m[1]);
  if (caret < 0) return { ...base, line };
  const prefix = `LINE ${m[1]}: `.length;
  const snippet = (m[2] ?? '').replace(/^\.\.\./, '');
  const truncatedLead = (m[2] ?? '').startsWith('...') ? 3 : 0;
  // Line 1 of DuckDB's text includes our `DESCRIBE ` prefix.
  const sqlLines = `DESCRIBE ${sql}`.split('\n');
  const actual = sqlLines[line - 1] ?? '';
  const at = actual.indexOf(snippet.slice(0, 40));
  let column = (at >= 0 ? at : 0) + (caret - prefix - truncatedLead) + 1;
  if (line === 1) column -= 'DESCRIBE '.length;
  return { ...base, line, column: Math.max(1, column) };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
