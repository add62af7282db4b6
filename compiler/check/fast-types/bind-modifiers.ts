// check/fast-types/: checks a query's result modifiers (ORDER BY, DISTINCT [ON], LIMIT/OFFSET). They never
// change output types; they only have to bind. An ORDER BY / DISTINCT ON term is an output position, an
// output name, ORDER BY ALL, or an expression `typeOther` can type (declined when it is undefined).
// @see https://duckdb.org/docs/stable/sql/query_syntax/orderby
import { arr, asNode, optNode, str, strings, type AstNode } from './ast.js';
import { decline } from './decline.js';
import type { OutputColumn } from './expr-env.js';

/** Checks `modifiers` of a query with `outputs`; `typeOther` types terms that are not plain output references. */
export function bindOrderModifiers(modifiers: readonly unknown[], outputs: readonly OutputColumn[], typeOther: ((expr: AstNode) => void) | undefined): void {
  const distinct = modifiers.some((m) => asNode(m)['type'] === 'DISTINCT_MODIFIER');
  for (const m of modifiers) {
    const mod = asNode(m);
    switch (str(mod, 'type')) {
      case 'ORDER_MODIFIER':
        for (const o of arr(mod, 'orders')) term(asNode(asNode(o)['expression']), outputs, distinct ? undefined : typeOther);
        break;
      case 'DISTINCT_MODIFIER':
        for (const t of arr(mod, 'distinct_on_targets')) term(asNode(t), outputs, typeOther);
        break;
      case 'LIMIT_MODIFIER':
        limitValue(optNode(mod, 'limit'));
        limitValue(optNode(mod, 'offset'));
        break;
      default:
        decline();
    }
  }
}

function term(expr: AstNode, outputs: readonly OutputColumn[], typeOther: ((expr: AstNode) => void) | undefined): void {
  if (isOutputReference(expr, outputs)) return;
  if (!typeOther) decline();
  typeOther(expr);
}

/** Whether `expr` names an output (by position, by a name exactly one output has, or ORDER BY ALL); declines on a name several outputs share. */
function isOutputReference(expr: AstNode, outputs: readonly OutputColumn[]): boolean {
  switch (expr['class']) {
    case 'CONSTANT': {
      const v = asNode(expr['value']);
      const n = v['value'];
      return v['is_null'] === false && asNode(v['type'])['id'] === 'INTEGER' && typeof n === 'number' && n >= 1 && n <= outputs.length;
    }
    case 'COLUMN_REF': {
      const names = strings(expr, 'column_names');
      if (names.length !== 1) return false;
      const key = names[0]!.toLowerCase();
      const matches = outputs.filter((o) => o.name.toLowerCase() === key).length;
      if (matches > 1) decline();
      return matches === 1;
    }
    case 'STAR':
      return expr['columns'] === true && str(expr, 'relation_name') === '' && arr(expr, 'exclude_list').length === 0 && arr(expr, 'replace_list').length === 0;
    default:
      return false;
  }
}

/** LIMIT/OFFSET: absent or a non-negative integer constant. */
function limitValue(node: AstNode | undefined): void {
  if (!node) return;
  if (node['class'] !== 'CONSTANT') decline();
  const v = asNode(node['value']);
  const id = asNode(v['type'])['id'];
  if (v['is_null'] !== false || (id !== 'INTEGER' && id !== 'BIGINT') || typeof v['value'] !== 'number' || v['value'] < 0) decline();
}
