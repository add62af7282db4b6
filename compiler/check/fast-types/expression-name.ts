// check/fast-types/: the name DuckDB gives an unaliased select item, which is the expression printed back as
// SQL (ParsedExpression::ToString): `sum(x)`, `count_star()`, `round((a / b), 2)`. Reproduced for column
// references, plain function calls (optionally DISTINCT), binary arithmetic and integer/string constants;
// anything else gets no name (the caller declines). Identifiers are quoted when they are keywords or hold
// characters other than letters, digits and `_`.
// Verified against the bundled DuckDB by test/fast-types (oracle and name tests).
import { asNode, optNode, type AstNode } from './ast.js';
import { DUCKDB_KEYWORDS } from './duckdb-keywords.js';

const ARITHMETIC = new Set(['+', '-', '*', '/', '//', '%']);

/** The column name DuckDB derives from `node`'s SQL text, or undefined when we do not reproduce it. */
export function expressionName(node: AstNode): string | undefined {
  switch (node['class']) {
    case 'COLUMN_REF': {
      const names = node['column_names'];
      if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) return undefined;
      const parts = (names as string[]).map(identifier);
      return parts.every((p) => p !== undefined) ? parts.join('.') : undefined;
    }
    case 'CONSTANT': return constantText(node);
    case 'FUNCTION': return functionText(node);
    default: return undefined;
  }
}

function functionText(node: AstNode): string | undefined {
  const name = node['function_name'];
  const children = node['children'];
  if (typeof name !== 'string' || !Array.isArray(children) || node['schema'] !== '' || node['catalog'] !== '' || node['export_state'] !== false) return undefined;
  if (optNode(node, 'filter')) return undefined;
  const orders = optNode(node, 'order_bys')?.['orders'];
  if (Array.isArray(orders) && orders.length) return undefined;
  const args: string[] = [];
  for (const c of children) {
    const text = expressionName(asNode(c));
    if (text === undefined) return undefined;
    args.push(text);
  }
  if (node['is_operator'] === true) {
    if (!ARITHMETIC.has(name) || args.length !== 2 || node['distinct'] !== false) return undefined;
    return `(${args[0]} ${name} ${args[1]})`;
  }
  const fn = identifier(name);
  if (fn === undefined) return undefined;
  return `${fn}(${node['distinct'] === true ? 'DISTINCT ' : ''}${args.join(', ')})`;
}

function constantText(node: AstNode): string | undefined {
  const value = asNode(node['value']);
  if (value['is_null'] !== false) return undefined;
  const id = asNode(value['type'])['id'];
  const v = value['value'];
  if ((id === 'INTEGER' || id === 'BIGINT') && typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (id === 'VARCHAR' && typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  return undefined;
}

/** An identifier as DuckDB prints it: bare when it is letters, digits and `_` and not a keyword, else double-quoted. */
function identifier(name: string): string | undefined {
  if (name === '') return undefined;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const plain = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (i > 0 && c >= 48 && c <= 57);
    if (!plain) return `"${name.replaceAll('"', '""')}"`;
  }
  return DUCKDB_KEYWORDS.has(name.toLowerCase()) ? `"${name}"` : name;
}
