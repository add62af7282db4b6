// gen/: what the generator knows about every relation it writes SQL against: columns with a coarse type
// category, and the grain (the entity whose `<grain>_id` key every row carries).

/**
 * Coarse type category. The generator only emits expressions valid for a category, so it never needs
 * DuckDB's exact type: `int` covers INTEGER/BIGINT/HUGEINT, `num` is DOUBLE, `str` VARCHAR, `bool` BOOLEAN.
 */
export type Cat = 'int' | 'num' | 'str' | 'bool';

export interface Col {
  readonly name: string;
  readonly cat: Cat;
}

/**
 * A relation a query can read: a dataset or a CTE. Invariant: `cols` holds `<grain>_id` (cat int), and
 * every column whose name ends in `_id` is an entity key of cat int, so `x_id = y_id` joins always bind.
 */
export interface Rel {
  readonly cols: readonly Col[];
  readonly grain: string;
}

export type Layer = 'bronze' | 'silver' | 'gold';
export type ModelKind = 'chain' | 'fan_in' | 'cte' | 'projection';

/** A dataset of the generated project: a bronze source table or a silver/gold model. */
export interface Dataset extends Rel {
  readonly name: string;
  readonly layer: Layer;
  readonly pipeline: string;
}

export const keyOf = (grain: string): string => `${grain}_id`;

/** Entity key columns of a relation (its own key and the foreign keys it carries). */
export function idCols(rel: Rel): Col[] {
  return rel.cols.filter((c) => c.name.endsWith('_id'));
}

/** Columns that are not entity keys: the ones expressions may transform, cast or drop. */
export function plainCols(rel: Rel): Col[] {
  return rel.cols.filter((c) => !c.name.endsWith('_id'));
}

/** Columns of one category among the plain ones. */
export function colsOf(rel: Rel, ...cats: Cat[]): Col[] {
  return plainCols(rel).filter((c) => cats.includes(c.cat));
}

/**
 * Returns `base` if not yet in `taken`, else `base_2`, `base_3`, …; records the result in `taken`.
 * Never produces a name ending in `_id`, so derived columns cannot pass for keys.
 */
export function uniqueName(base: string, taken: Set<string>): string {
  let name = base.endsWith('_id') ? `${base}_val` : base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  taken.add(name);
  return name;
}

/** The first two `_` parts of a column name, so derived names stay short across many generations. */
export function stem(name: string): string {
  return name.split('_').filter((p) => !/^\d+$/.test(p)).slice(0, 2).join('_');
}
