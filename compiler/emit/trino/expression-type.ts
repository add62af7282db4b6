// emit/trino/: the DuckDB type of an expression, for the few translations that depend on it (division,
// string building, rounding, casts from floating point). First what the compiler's type inferer recorded
// for the node (check/fast-types, which follows DuckDB's binder), else what the node itself shows: a
// literal, a CAST target, a function with a fixed result type, arithmetic on integers.
import { asNode, list, str, type Node } from './ast-node.js';
import type { PrintContext } from './print-context.js';
import { astTypeText } from './print-expression.js';

/** Coarse classes of DuckDB types, as the translations distinguish them. */
export type TypeClass = 'integral' | 'decimal' | 'floating' | 'varchar' | 'boolean' | 'date' | 'timestamp' | 'null' | 'other';

const INTEGRAL = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT']);

/** Functions whose DuckDB result type does not depend on their arguments. */
const FIXED_RESULT: Readonly<Record<string, string>> = {
  year: 'BIGINT', month: 'BIGINT', day: 'BIGINT', quarter: 'BIGINT', dayofmonth: 'BIGINT', isodow: 'BIGINT', dayofyear: 'BIGINT',
  count: 'BIGINT', count_star: 'BIGINT', length: 'BIGINT',
  trim: 'VARCHAR', ltrim: 'VARCHAR', rtrim: 'VARCHAR', lower: 'VARCHAR', upper: 'VARCHAR', concat: 'VARCHAR', concat_ws: 'VARCHAR',
  regexp_replace: 'VARCHAR', split_part: 'VARCHAR', string_agg: 'VARCHAR', dayname: 'VARCHAR', monthname: 'VARCHAR',
  make_date: 'DATE', last_day: 'DATE', regexp_full_match: 'BOOLEAN', regexp_matches: 'BOOLEAN',
};

/** The DuckDB type text of expression `value`, or undefined when neither the inferer nor the node tells. */
export function typeOfExpr(value: unknown, ctx: PrintContext): string | undefined {
  const node = asNode(value);
  return ctx.typeOf(node) ?? staticType(node, ctx);
}

/** The class of `value`'s type, or undefined when unknown. */
export function typeClassOf(value: unknown, ctx: PrintContext): TypeClass | undefined {
  const t = typeOfExpr(value, ctx);
  return t === undefined ? undefined : classify(t);
}

/** The class of DuckDB type text `type`. */
export function classify(type: string): TypeClass {
  if (INTEGRAL.has(type)) return 'integral';
  if (type.startsWith('DECIMAL')) return 'decimal';
  if (type === 'DOUBLE' || type === 'FLOAT') return 'floating';
  if (type === 'VARCHAR') return 'varchar';
  if (type === 'BOOLEAN') return 'boolean';
  if (type === 'DATE') return 'date';
  if (type === 'TIMESTAMP') return 'timestamp';
  if (type === 'NULL') return 'null';
  return 'other';
}

function staticType(node: Node, ctx: PrintContext): string | undefined {
  switch (node['class']) {
    case 'CONSTANT': {
      const value = asNode(node['value']);
      if (value['is_null'] === true) return 'NULL';
      return astTypeText(value['type']);
    }
    case 'CAST': return astTypeText(node['cast_type']);
    case 'COMPARISON': case 'CONJUNCTION': case 'BETWEEN': return 'BOOLEAN';
    case 'FUNCTION': {
      const name = str(node, 'function_name').toLowerCase();
      const fixed = FIXED_RESULT[name];
      if (fixed) return fixed;
      const args = list(node, 'children');
      if (node['is_operator'] === true && ['+', '-', '*', '%', '//'].includes(name) && args.every((a) => typeClassOf(a, ctx) === 'integral')) return 'BIGINT';
      return undefined;
    }
    default: return undefined;
  }
}
