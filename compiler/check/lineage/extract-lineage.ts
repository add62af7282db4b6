// check/lineage: column-level lineage of one SELECT, computed over DuckDB's serialized AST
// (json_serialize_sql). Resolves every column reference through CTEs (including recursive ones),
// subqueries, set operations, joins (USING, NATURAL, LATERAL), stars (EXCLUDE/REPLACE/COLUMNS),
// window functions and lambdas, down to the relations of the catalog, and classifies each input with
// the OpenLineage vocabulary. Pure: no I/O.
import type { ColumnSchema } from '../../types/xml-mapping.js';
import type { DirectSubtype, IndirectSubtype } from '../../types/lineage.js';
import { composeDirect, Deps } from './deps.js';

/** A relation the query may read: name (lower-case) -> ordered columns. */
export type LineageCatalog = ReadonlyMap<string, readonly ColumnSchema[]>;

/** One output column of a query with its inputs. `name` is as the walker derived it (DESCRIBE is authoritative). */
export interface WalkedColumn {
  readonly name: string;
  readonly deps: Deps;
}

/** What the walker found besides lineage: references it could not resolve (DuckDB would have refused them). */
export interface WalkResult {
  readonly columns: readonly WalkedColumn[];
  readonly unresolved: readonly string[];
}

type Node = Record<string, unknown>;
interface Column { name: string; deps: Deps }
interface Relation { alias: string; columns: Column[]; opaque?: Deps }
interface FromScope { relations: Relation[]; merged: Map<string, Column>; star: Column[]; rowDeps: Deps }
interface Ctx {
  scopes: FromScope[];
  ctes: Map<string, Column[]>[];
  aliases?: Map<string, Deps>;
  lambdas: Set<string>[];
}

const lower = (s: string): string => s.toLowerCase();

/**
 * Walks `statement` (one element of json_serialize_sql's `statements`).
 * @param catalog relations by lower-case name (also `layer.name` keys for qualified references).
 * @param aggregates lower-case names of aggregate functions (from DuckDB's duckdb_functions()).
 */
export function walkLineage(statement: unknown, catalog: LineageCatalog, aggregates: ReadonlySet<string>): WalkResult {
  const walker = new Walker(catalog, aggregates);
  const columns = walker.query((statement as Node)['node'] as Node, { scopes: [], ctes: [], lambdas: [] });
  return { columns, unresolved: [...walker.unresolved].sort() };
}

class Walker {
  readonly unresolved = new Set<string>();
  constructor(private readonly catalog: LineageCatalog, private readonly aggregates: ReadonlySet<string>) {}

  /** Evaluates a query node to its output columns; query-level INDIRECT inputs are folded into every column. */
  query(node: Node, outer: Ctx): Column[] {
    const ctx: Ctx = { ...outer, ctes: this.withCtes(node, outer) };
    switch (node['type']) {
      case 'SELECT_NODE':
        return this.select(node, ctx);
      case 'SET_OPERATION_NODE':
        return this.setOperation(node, ctx);
      case 'RECURSIVE_CTE_NODE':
        return this.recursiveCte(node, ctx);
      case 'CTE_NODE':
        return this.query(node['child'] as Node, ctx);
      default:
        return [];
    }
  }

  private withCtes(node: Node, ctx: Ctx): Map<string, Column[]>[] {
    const entries = ((node['cte_map'] as Node | undefined)?.['map'] as { key: string; value: Node }[] | undefined) ?? [];
    if (!entries.length) return ctx.ctes;
    const frame = new Map<string, Column[]>();
    const ctes = [...ctx.ctes, frame];
    for (const { key, value } of entries) {
      const inner = value['query'] as Node;
      let cols = this.query(inner['node'] as Node, { ...ctx, ctes });
      cols = rename(cols, (value['aliases'] as string[] | undefined) ?? []);
      frame.set(lower(key), cols);
    }
    return ctes;
  }

  private recursiveCte(node: Node, ctx: Ctx): Column[] {
    const name = lower(String(node['cte_name']));
    const aliases = (node['aliases'] as string[] | undefined) ?? [];
    let cols = rename(this.query(node['left'] as Node, ctx), aliases);
    for (let i = 0; i < 2; i++) {
      const frame = new Map([[name, cols]]);
      const right = this.query(node['right'] as Node, { ...ctx, ctes: [...ctx.ctes, frame] });
      cols = cols.map((c, j) => {
        const deps = c.deps.clone();
        if (right[j]) deps.addAll(right[j]!.deps);
        return { name: c.name, deps };
      });
    }
    return cols;
  }

  private setOperation(node: Node, ctx: Ctx): Column[] {
    const left = this.query(node['left'] as Node, ctx);
    const right = this.query(node['right'] as Node, ctx);
    const isUnion = String(node['setop_type']).startsWith('UNION');
    const out = left.map((c, i) => {
      const deps = c.deps.clone();
      if (isUnion && right[i]) deps.addAll(right[i]!.deps);
      if (!isUnion) for (const r of right) deps.addThroughIndirect(r.deps, 'FILTER');
      return { name: c.name, deps };
    });
    const row = new Deps();
    this.modifiers(node, { ...ctx, scopes: [{ relations: [{ alias: '', columns: out }], merged: new Map(), star: out, rowDeps: new Deps() }, ...ctx.scopes] }, row, out);
    return applyRow(out, row);
  }

  private select(node: Node, outerCtx: Ctx): Column[] {
    const from = this.from(node['from_table'] as Node | undefined, outerCtx);
    const ctx: Ctx = { ...outerCtx, scopes: [from, ...outerCtx.scopes], aliases: new Map() };
    const row = from.rowDeps.clone();
    if (node['where_clause']) this.expr(node['where_clause'] as Node, ctx, row, null, 'FILTER');
    const out: Column[] = [];
    for (const item of (node['select_list'] as Node[]) ?? []) {
      if (item['class'] === 'STAR') {
        for (const c of this.expandStar(item, from, ctx)) out.push(c);
        continue;
      }
      const deps = new Deps();
      this.expr(item, ctx, deps, 'IDENTITY', null);
      const name = deriveName(item, out.length);
      out.push({ name, deps });
      ctx.aliases!.set(lower(name), deps);
    }
    const groups = (node['group_expressions'] as Node[] | undefined) ?? [];
    for (const g of groups) this.expr(g, ctx, row, null, 'GROUP_BY', out);
    if (node['aggregate_handling'] === 'FORCE_AGGREGATES') {
      (node['select_list'] as Node[]).forEach((item, i) => {
        if (!this.containsAggregate(item) && out[i]) row.addThroughIndirect(out[i]!.deps, 'GROUP_BY');
      });
    }
    if (node['having']) this.expr(node['having'] as Node, ctx, row, null, 'FILTER', out);
    if (node['qualify']) this.expr(node['qualify'] as Node, ctx, row, null, 'FILTER', out);
    this.modifiers(node, ctx, row, out);
    return applyRow(out, row);
  }

  /** ORDER BY (and DISTINCT ON) of a query node, as INDIRECT SORT inputs of every output column. */
  private modifiers(node: Node, ctx: Ctx, row: Deps, out: Column[]): void {
    for (const m of (node['modifiers'] as Node[] | undefined) ?? []) {
      if (m['type'] === 'ORDER_MODIFIER') for (const o of (m['orders'] as Node[]) ?? []) this.expr(o['expression'] as Node, ctx, row, null, 'SORT', out);
      if (m['type'] === 'DISTINCT_MODIFIER') for (const t of (m['distinct_on_targets'] as Node[]) ?? []) this.expr(t, ctx, row, null, 'GROUP_BY', out);
    }
  }

  private expandStar(item: Node, from: FromScope, ctx: Ctx): Column[] {
    const relationName = lower(String(item['relation_name'] ?? ''));
    let cols: Column[];
    if (relationName) {
      const rel = from.relations.find((r) => r.alias === relationName);
      cols = rel ? rel.columns : [];
      if (!rel) this.unresolved.add(`${relationName}.*`);
    } else cols = from.star;
    const exclude = new Set([
      ...((item['exclude_list'] as string[] | undefined) ?? []).map(lower),
      ...((item['qualified_exclude_list'] as { column_names?: string[] }[] | undefined) ?? []).map((q) => lower(String(q.column_names?.[q.column_names.length - 1] ?? ''))),
    ]);
    const replace = new Map(((item['replace_list'] as { key: string; value: Node }[] | undefined) ?? []).map((r) => [lower(r.key), r.value]));
    const renames = new Map(((item['rename_list'] as { key: { column_names?: string[] } | string; value: string }[] | undefined) ?? []).map((r) => [lower(typeof r.key === 'string' ? r.key : String(r.key.column_names?.[r.key.column_names.length - 1] ?? '')), r.value]));
    let pattern: RegExp | undefined;
    if (item['columns'] === true && item['expr']) {
      const e = item['expr'] as Node;
      const v = (e['value'] as Node | undefined)?.['value'];
      if (e['class'] === 'CONSTANT' && typeof v === 'string') {
        try {
          pattern = new RegExp(v);
        } catch {
          pattern = undefined;
        }
      }
    }
    const out: Column[] = [];
    for (const c of cols) {
      const key = lower(c.name);
      if (exclude.has(key)) continue;
      if (pattern && !pattern.test(c.name)) continue;
      const repl = replace.get(key);
      if (repl) {
        const deps = new Deps();
        this.expr(repl, ctx, deps, 'IDENTITY', null);
        out.push({ name: c.name, deps });
      } else out.push({ name: renames.get(key) ?? c.name, deps: c.deps });
    }
    return out;
  }

  // ---- FROM ---------------------------------------------------------------------------------

  private from(ref: Node | undefined, ctx: Ctx): FromScope {
    const scope: FromScope = { relations: [], merged: new Map(), star: [], rowDeps: new Deps() };
    if (ref) this.tableRef(ref, ctx, scope);
    return scope;
  }

  /** Adds the relations of `ref` to `scope` (left to right, so LATERAL subqueries see earlier ones). */
  private tableRef(ref: Node, ctx: Ctx, scope: FromScope): void {
    switch (ref['type']) {
      case 'EMPTY':
        return;
      case 'BASE_TABLE': {
        const name = lower(String(ref['table_name']));
        const schema = lower(String(ref['schema_name'] ?? ''));
        const cte = schema ? undefined : findCte(ctx, name);
        let columns: Column[];
        if (cte) columns = cte;
        else {
          const cat = this.catalog.get(schema ? `${schema}.${name}` : name) ?? this.catalog.get(name);
          if (!cat) this.unresolved.add(schema ? `${schema}.${name}` : name);
          columns = (cat ?? []).map((c) => {
            const deps = new Deps();
            deps.addDirect(`${name}.${c.name}`, 'IDENTITY');
            return { name: c.name, deps };
          });
        }
        columns = rename(columns, (ref['column_name_alias'] as string[] | undefined) ?? []);
        this.addRelation(scope, { alias: lower(String(ref['alias'] || ref['table_name'])), columns });
        return;
      }
      case 'SUBQUERY': {
        const inner = ref['subquery'] as Node;
        const cols = this.query(inner['node'] as Node, { ...ctx, scopes: [scope, ...ctx.scopes] });
        this.addRelation(scope, { alias: lower(String(ref['alias'] ?? '')), columns: rename(cols, (ref['column_name_alias'] as string[] | undefined) ?? []) });
        return;
      }
      case 'EXPRESSION_LIST': {
        const rows = (ref['values'] as Node[][]) ?? [];
        const width = rows[0]?.length ?? 0;
        const sub: Ctx = { ...ctx, scopes: [scope, ...ctx.scopes] };
        const columns: Column[] = [];
        for (let i = 0; i < width; i++) {
          const deps = new Deps();
          for (const r of rows) if (r[i]) this.expr(r[i]!, sub, deps, 'IDENTITY', null);
          columns.push({ name: `col${i}`, deps });
        }
        this.addRelation(scope, { alias: lower(String(ref['alias'] ?? 'valueslist')), columns: rename(columns, (ref['column_name_alias'] as string[] | undefined) ?? []) });
        return;
      }
      case 'TABLE_FUNCTION': {
        const fn = ref['function'] as Node;
        const deps = new Deps();
        this.expr(fn, { ...ctx, scopes: [scope, ...ctx.scopes] }, deps, 'TRANSFORMATION', null);
        const aliases = (ref['column_name_alias'] as string[] | undefined) ?? [];
        const fname = lower(String(fn['function_name'] ?? ''));
        const alias = lower(String(ref['alias'] || fname));
        if (fname === 'unnest' || fname === 'generate_series' || fname === 'range') {
          const name = aliases[0] ?? (fname === 'unnest' ? 'unnest' : fname);
          this.addRelation(scope, { alias, columns: [{ name, deps }] });
        } else {
          this.addRelation(scope, { alias, columns: aliases.map((a) => ({ name: a, deps })), opaque: deps });
        }
        return;
      }
      case 'JOIN': {
        this.tableRef(ref['left'] as Node, ctx, scope);
        const leftStar = scope.star;
        const leftRelations = [...scope.relations];
        const right: FromScope = { relations: [], merged: new Map(), star: [], rowDeps: new Deps() };
        this.tableRef(ref['right'] as Node, { ...ctx, scopes: [scope, ...ctx.scopes] }, right);
        scope.relations.push(...right.relations);
        scope.rowDeps.addAll(right.rowDeps);
        for (const [k, v] of right.merged) scope.merged.set(k, v);
        const joinCtx: Ctx = { ...ctx, scopes: [scope, ...ctx.scopes] };
        if (ref['condition']) this.expr(ref['condition'] as Node, joinCtx, scope.rowDeps, null, 'JOIN');
        let using = ((ref['using_columns'] as string[] | undefined) ?? []).map(lower);
        if (ref['ref_type'] === 'NATURAL') {
          const rightNames = new Set(right.star.map((c) => lower(c.name)));
          using = leftStar.map((c) => lower(c.name)).filter((n) => rightNames.has(n));
        }
        if (!using.length) {
          scope.star = [...leftStar, ...right.star];
          return;
        }
        const joinType = String(ref['join_type']);
        const merged: Column[] = [];
        for (const name of using) {
          const l = leftStar.find((c) => lower(c.name) === name) ?? findIn(leftRelations, name);
          const r = right.star.find((c) => lower(c.name) === name);
          const deps = new Deps();
          if (joinType === 'RIGHT') {
            if (r) deps.addAll(r.deps);
          } else if (joinType === 'OUTER' || joinType === 'FULL') {
            if (l) deps.addThroughDirect(l.deps, 'TRANSFORMATION');
            if (r) deps.addThroughDirect(r.deps, 'TRANSFORMATION');
          } else if (l) deps.addAll(l.deps);
          if (l) scope.rowDeps.addThroughIndirect(l.deps, 'JOIN');
          if (r) scope.rowDeps.addThroughIndirect(r.deps, 'JOIN');
          const col = { name: l?.name ?? r?.name ?? name, deps };
          scope.merged.set(name, col);
          merged.push(col);
        }
        const usingSet = new Set(using);
        scope.star = [
          ...leftStar.map((c) => scope.merged.get(lower(c.name)) && usingSet.has(lower(c.name)) ? scope.merged.get(lower(c.name))! : c),
          ...right.star.filter((c) => !usingSet.has(lower(c.name))),
        ];
        return;
      }
      default: {
        // PIVOT, UNPIVOT and other relations: inputs known, columns not; any reference resolves to all inputs.
        const deps = new Deps();
        this.expr(ref, { ...ctx, scopes: [scope, ...ctx.scopes] }, deps, 'TRANSFORMATION', null);
        this.addRelation(scope, { alias: lower(String(ref['alias'] ?? '')), columns: [], opaque: deps });
      }
    }
  }

  private addRelation(scope: FromScope, rel: Relation): void {
    scope.relations.push(rel);
    scope.star = [...scope.star, ...rel.columns];
  }

  // ---- expressions ----------------------------------------------------------------------------

  /**
   * Adds the inputs of `e` to `out`: in a DIRECT position (`direct` set) references add DIRECT inputs
   * of that subtype; in an INDIRECT position (`indirect` set) they add INDIRECT inputs. `outputs`, when
   * given, lets ORDER BY / GROUP BY / HAVING refer to output columns by alias or position.
   */
  expr(e: Node | undefined, ctx: Ctx, out: Deps, direct: DirectSubtype | null, indirect: IndirectSubtype | null, outputs?: Column[]): void {
    if (!e || typeof e !== 'object') return;
    const add = (deps: Deps, via: DirectSubtype): void => {
      if (direct) out.addThroughDirect(deps, direct === 'IDENTITY' ? via : direct === 'AGGREGATION' || via === 'AGGREGATION' ? 'AGGREGATION' : 'TRANSFORMATION');
      else out.addThroughIndirect(deps, indirect!);
    };
    const down = (child: unknown, sub: DirectSubtype): void => this.expr(child as Node, ctx, out, direct ? composeDirect(direct, sub) : null, indirect, outputs);
    const side = (child: unknown, sub: IndirectSubtype): void => this.expr(child as Node, ctx, out, null, sub, outputs);
    switch (e['class']) {
      case 'COLUMN_REF': {
        const deps = this.resolve((e['column_names'] as string[]) ?? [], ctx, outputs);
        if (deps) add(deps, 'IDENTITY');
        return;
      }
      case 'CONSTANT':
      case 'PARAMETER':
      case 'DEFAULT':
        if (outputs && e['class'] === 'CONSTANT' && indirect && (indirect === 'SORT' || indirect === 'GROUP_BY')) {
          const v = (e['value'] as Node | undefined)?.['value'];
          if (typeof v === 'number' && outputs[v - 1]) add(outputs[v - 1]!.deps, 'IDENTITY');
        }
        return;
      case 'FUNCTION': {
        const name = lower(String(e['function_name'] ?? ''));
        const agg = this.aggregates.has(name);
        for (const c of (e['children'] as Node[]) ?? []) down(c, agg ? 'AGGREGATION' : 'TRANSFORMATION');
        if (e['filter']) side(e['filter'], 'FILTER');
        for (const o of ((e['order_bys'] as Node | undefined)?.['orders'] as Node[] | undefined) ?? []) side(o['expression'], 'SORT');
        return;
      }
      case 'WINDOW': {
        const agg = String(e['type']) === 'WINDOW_AGGREGATE';
        for (const c of (e['children'] as Node[]) ?? []) down(c, agg ? 'AGGREGATION' : 'TRANSFORMATION');
        for (const k of ['default_expr', 'offset_expr']) if (e[k]) down(e[k], 'TRANSFORMATION');
        for (const p of (e['partitions'] as Node[]) ?? []) side(p, 'WINDOW');
        for (const o of (e['orders'] as Node[]) ?? []) side(o['expression'], 'WINDOW');
        for (const o of (e['arg_orders'] as Node[]) ?? []) side(o['expression'], 'SORT');
        for (const k of ['start_expr', 'end_expr']) if (e[k]) side(e[k], 'WINDOW');
        if (e['filter_expr']) side(e['filter_expr'], 'FILTER');
        return;
      }
      case 'CASE': {
        for (const check of (e['case_checks'] as Node[]) ?? []) {
          side(check['when_expr'], 'CONDITIONAL');
          down(check['then_expr'], 'TRANSFORMATION');
        }
        down(e['else_expr'], 'TRANSFORMATION');
        return;
      }
      case 'SUBQUERY': {
        const inner = (e['subquery'] as Node)['node'] as Node;
        const cols = this.query(inner, { ...ctx, aliases: undefined });
        const kind = String(e['subquery_type']);
        if (kind === 'SCALAR') {
          if (cols[0]) add(cols[0].deps, 'IDENTITY');
        } else {
          if (e['child']) down(e['child'], 'TRANSFORMATION');
          for (const c of cols) out.addThroughIndirect(c.deps, 'CONDITIONAL');
        }
        return;
      }
      case 'LAMBDA': {
        const params = new Set(lambdaParams(e['lhs'] as Node));
        const sub: Ctx = { ...ctx, lambdas: [...ctx.lambdas, params] };
        this.expr(e['expr'] as Node, sub, out, direct ? composeDirect(direct, 'TRANSFORMATION') : null, indirect, outputs);
        return;
      }
      case 'STAR': {
        const scope = ctx.scopes[0];
        for (const c of scope?.star ?? []) add(c.deps, 'TRANSFORMATION');
        return;
      }
      default: {
        // OPERATOR, CAST, COMPARISON, CONJUNCTION, BETWEEN, COLLATE, …: every nested expression is a transformation input.
        for (const [k, v] of Object.entries(e)) {
          if (k === 'class' || k === 'type' || k === 'alias' || k === 'query_location') continue;
          if (Array.isArray(v)) for (const x of v) if (x && typeof x === 'object' && 'class' in x) down(x, 'TRANSFORMATION');
          if (v && typeof v === 'object' && !Array.isArray(v) && 'class' in v) down(v, 'TRANSFORMATION');
        }
      }
    }
  }

  private containsAggregate(e: unknown): boolean {
    if (!e || typeof e !== 'object') return false;
    const n = e as Node;
    if (n['class'] === 'SUBQUERY') return false;
    if (n['class'] === 'FUNCTION' && this.aggregates.has(lower(String(n['function_name'] ?? '')))) return true;
    if (n['class'] === 'WINDOW') return false;
    return Object.values(n).some((v) => (Array.isArray(v) ? v.some((x) => this.containsAggregate(x)) : this.containsAggregate(v)));
  }

  /** Resolves a column reference (1–4 name parts) to its inputs, searching inner scopes first. */
  private resolve(names: string[], ctx: Ctx, outputs?: Column[]): Deps | undefined {
    const parts = names.map(lower);
    if (parts.length === 1 && ctx.lambdas.some((l) => l.has(parts[0]!))) return undefined;
    for (let depth = 0; depth < ctx.scopes.length; depth++) {
      const scope = ctx.scopes[depth]!;
      const found = resolveIn(scope, parts);
      if (found) return found;
      if (depth === 0) {
        if (parts.length === 1 && outputs) {
          const o = outputs.find((c) => lower(c.name) === parts[0]);
          if (o) return o.deps;
        }
        if (parts.length === 1 && ctx.aliases?.has(parts[0]!)) return ctx.aliases.get(parts[0]!);
      }
    }
    if (parts.length === 1 && outputs) {
      const o = outputs.find((c) => lower(c.name) === parts[0]);
      if (o) return o.deps;
    }
    this.unresolved.add(names.join('.'));
    return undefined;
  }
}

/** Looks a reference up in one FROM scope: `col`, `rel.col`, `rel.col.field`, `schema.rel.col`, `col.field`. */
function resolveIn(scope: FromScope, parts: string[]): Deps | undefined {
  const column = (rel: Relation, name: string): Deps | undefined => rel.columns.find((c) => lower(c.name) === name)?.deps ?? rel.opaque;
  const unqualified = (name: string): Deps | undefined => {
    const m = scope.merged.get(name);
    if (m) return m.deps;
    for (const rel of scope.relations) {
      const c = rel.columns.find((x) => lower(x.name) === name);
      if (c) return c.deps;
    }
    const opaque = scope.relations.filter((r) => r.opaque);
    if (opaque.length === 1) return opaque[0]!.opaque;
    return undefined;
  };
  const byAlias = (alias: string): Relation | undefined => scope.relations.find((r) => r.alias === alias);
  if (parts.length === 1) return unqualified(parts[0]!);
  if (parts.length >= 2) {
    const rel = byAlias(parts[0]!);
    if (rel) return column(rel, parts[1]!);
    if (parts.length >= 3) {
      const rel2 = byAlias(parts[1]!);
      if (rel2) return column(rel2, parts[2]!);
    }
    return unqualified(parts[0]!); // struct field access: col.field
  }
  return undefined;
}

function findIn(relations: Relation[], name: string): Column | undefined {
  for (const r of relations) {
    const c = r.columns.find((x) => lower(x.name) === name);
    if (c) return c;
  }
  return undefined;
}

function findCte(ctx: Ctx, name: string): Column[] | undefined {
  for (let i = ctx.ctes.length - 1; i >= 0; i--) {
    const cols = ctx.ctes[i]!.get(name);
    if (cols) return cols;
  }
  return undefined;
}

function rename(cols: Column[], aliases: readonly string[]): Column[] {
  if (!aliases.length) return cols;
  return cols.map((c, i) => (aliases[i] ? { name: aliases[i]!, deps: c.deps } : c));
}

function applyRow(cols: Column[], row: Deps): Column[] {
  if (!row.direct.size && !row.indirect.size) return cols;
  return cols.map((c) => {
    const deps = c.deps.clone();
    deps.addIndirectOf(row);
    for (const s of row.direct.keys()) deps.addIndirect(s, 'FILTER');
    return { name: c.name, deps };
  });
}

function lambdaParams(lhs: Node | undefined): string[] {
  if (!lhs) return [];
  if (lhs['class'] === 'COLUMN_REF') return ((lhs['column_names'] as string[]) ?? []).slice(-1).map(lower);
  const out: string[] = [];
  for (const c of (lhs['children'] as Node[]) ?? []) out.push(...lambdaParams(c));
  return out;
}

/** The name DuckDB gives an unaliased select item, as far as the walker needs it (DESCRIBE is authoritative). */
function deriveName(item: Node, index: number): string {
  if (item['alias']) return String(item['alias']);
  if (item['class'] === 'COLUMN_REF') {
    const names = item['column_names'] as string[];
    return names[names.length - 1] ?? `col${index}`;
  }
  return `col${index}`;
}
