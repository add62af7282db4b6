// emit/trino/: the FROM clause. A dataset name becomes `<catalog>.<layer>.<dataset> AS <name as written>`
// (so `releases.col` still resolves), a CTE name stays as it is, subqueries are printed indented, and
// joins are listed one per line. Relations a SELECT rewrite adds (CROSS JOIN UNNEST, hoisted scalar
// subqueries) come last.
// @see https://trino.io/docs/current/sql/select.html#joins
import { asNode, child, list, str, type Node } from './ast-node.js';
import { isCte, type PrintContext } from './print-context.js';
import { printExpr } from './print-expression.js';
import { printStatement } from './print-query.js';
import { compactLines } from './print-subquery.js';
import { qualifiedName, quoteIdent } from './trino-identifier.js';
import { refuse } from './trino-refusal.js';

/** A relation a rewrite appends to a FROM clause: its join keyword and its text. */
export interface ExtraRelation {
  readonly keyword: 'CROSS JOIN';
  readonly text: string;
}

const JOIN_KEYWORDS: Readonly<Record<string, string>> = { INNER: 'JOIN', LEFT: 'LEFT JOIN', RIGHT: 'RIGHT JOIN', OUTER: 'FULL JOIN' };

/** The FROM clause lines of table reference `ref` (none for DuckDB's EMPTY), then `extra`. */
export function printFrom(ref: unknown, ctx: PrintContext, extra: readonly ExtraRelation[]): string[] {
  const node = asNode(ref);
  const lines: string[] = [];
  if (str(node, 'type') !== 'EMPTY') {
    const [first, ...joins] = flattenJoins(node);
    lines.push(...prefix('FROM ', relationLines(first!.ref, ctx)));
    for (const j of joins) {
      const rel = prefix(`${j.keyword} `, relationLines(j.ref, ctx));
      if (j.condition) rel[rel.length - 1] += ` ON ${printExpr(j.condition, ctx)}`;
      if (j.using.length) rel[rel.length - 1] += ` USING (${j.using.map(quoteIdent).join(', ')})`;
      lines.push(...rel);
    }
  }
  for (const e of extra) lines.push(lines.length === 0 ? `FROM ${e.text}` : `${e.keyword} ${e.text}`);
  return lines;
}

interface JoinStep {
  readonly keyword: string;
  readonly ref: Node;
  readonly condition: unknown;
  readonly using: readonly string[];
}

/** A left-deep join tree as its first relation followed by one step per join. */
function flattenJoins(node: Node): JoinStep[] {
  if (str(node, 'type') !== 'JOIN') return [{ keyword: '', ref: node, condition: undefined, using: [] }];
  const refType = str(node, 'ref_type');
  const joinType = str(node, 'join_type');
  let keyword: string | undefined;
  if (refType === 'CROSS') keyword = 'CROSS JOIN';
  else if (refType === 'REGULAR') keyword = JOIN_KEYWORDS[joinType];
  if (!keyword) return refuse(node, `${refType === 'REGULAR' ? joinType : refType} join`, 'Trino has no such join (NATURAL, SEMI, ANTI, ASOF and POSITIONAL joins are not translated)');
  const using = list(node, 'using_columns').map((c) => (typeof c === 'string' ? c : refuse(node, 'USING column', 'has no name')));
  const condition = node['condition'] ?? undefined;
  if (keyword !== 'CROSS JOIN' && condition === undefined && using.length === 0) refuse(node, `${keyword} without ON`, 'not translated');
  return [...flattenJoins(child(node, 'left')), { keyword, ref: child(node, 'right'), condition, using }];
}

function relationLines(ref: Node, ctx: PrintContext): string[] {
  const sample = ref['sample'];
  if (sample !== null && sample !== undefined) refuse(ref, 'TABLESAMPLE', 'not translated');
  switch (str(ref, 'type')) {
    case 'BASE_TABLE': return [baseTable(ref, ctx)];
    case 'SUBQUERY': {
      const body = printStatement(child(ref, 'subquery'), ctx);
      const alias = aliasText(ref);
      return ['(', ...body.map((l) => `  ${l}`), `)${alias}`];
    }
    case 'JOIN': return [`(${compactLines(printFrom(ref, ctx, []).map((l, i) => (i === 0 ? l.slice('FROM '.length) : l)))})`];
    case 'TABLE_FUNCTION': return refuse(ref, 'table function in FROM', 'reads files or generates rows in DuckDB; read the datasets of the lake instead');
    default: return refuse(ref, `${str(ref, 'type')} in FROM`, 'not translated');
  }
}

function baseTable(ref: Node, ctx: PrintContext): string {
  const name = str(ref, 'table_name');
  if (ref['schema_name'] !== '' || (ref['catalog_name'] !== '' && ref['catalog_name'] !== undefined)) refuse(ref, `table "${String(ref['schema_name'])}.${name}"`, 'qualified names are not translated: models read datasets by their bare names');
  if (ref['at_clause'] !== null && ref['at_clause'] !== undefined) refuse(ref, 'AT (time travel)', 'not translated');
  if (isCte(ctx, name)) return `${quoteIdent(name)}${aliasText(ref)}`;
  const table = ctx.tables.get(name.toLowerCase()) ?? refuse(ref, `table "${name}"`, 'is not a dataset of the project');
  const alias = str(ref, 'alias') || name;
  return `${qualifiedName(ctx.catalog, table.layer, table.name)} AS ${quoteIdent(alias)}${columnAliases(ref)}`;
}

function aliasText(ref: Node): string {
  const alias = str(ref, 'alias');
  return alias ? ` AS ${quoteIdent(alias)}${columnAliases(ref)}` : '';
}

function columnAliases(ref: Node): string {
  const names = list(ref, 'column_name_alias');
  return names.length ? ` (${names.map((n) => quoteIdent(String(n))).join(', ')})` : '';
}

function prefix(head: string, lines: readonly string[]): string[] {
  return lines.map((l, i) => (i === 0 ? head + l : l));
}
