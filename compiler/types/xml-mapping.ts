// Data only: the declarative mapping from an XML dump to typed tables (see schemas/xml-mapping.schema.json).

/** Scalar column types a source mapping may declare. PARTIAL_DATE is Discogs' `YYYY[-MM[-DD]]` with `00` for unknown parts. */
export type SourceColumnType = 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'PARTIAL_DATE';

/**
 * One mapped column.
 * `path` is relative to its table's context element: `name` (child element text),
 * `a/b` (nested child element text), `@attr` (attribute of the context element),
 * `a/@attr` (attribute of a child), or `.` (the context element's own text).
 * Only direct text of the matched element counts (text of its children does not); entities are
 * decoded; an absent or empty element/attribute gives NULL; the first match in document order wins.
 * A PARTIAL_DATE column named `d` produces four output columns: `d` (VARCHAR, raw), `d_year`, `d_month`,
 * `d_day` (INTEGER, NULL where the part is missing or `00`).
 */
export interface XmlColumnMapping {
  readonly name: string;
  readonly path: string;
  readonly type: SourceColumnType;
}

/**
 * A child table: one row per element matched by `path` (a `/`-separated chain of child element
 * names relative to the parent's context element; each step matches direct children only).
 * Each row carries the record key column, the `seq` columns of every ancestor child table, and its own
 * `seq` column (1-based position among the rows of this table under one parent instance).
 */
export interface XmlChildMapping {
  readonly table: string;
  readonly path: string;
  readonly seq: string;
  readonly columns: readonly XmlColumnMapping[];
  readonly children: readonly XmlChildMapping[];
}

/**
 * The mapping of one XML dump: the document element must be `root`; each child of it named `record`
 * is one row of `table`; `key` names the record column (usually BIGINT) copied into every child row.
 */
export interface XmlMapping {
  readonly root: string;
  readonly record: string;
  readonly table: string;
  readonly key: string;
  readonly columns: readonly XmlColumnMapping[];
  readonly children: readonly XmlChildMapping[];
}

/** A column of a dataset's output schema, as the engine will type it. */
export interface ColumnSchema {
  readonly name: string;
  /** DuckDB logical type name, e.g. `BIGINT`, `VARCHAR`, `INTEGER`. */
  readonly type: string;
}

/** A table produced by a source, with its output schema in column order. */
export interface SourceTableSchema {
  readonly table: string;
  readonly columns: readonly ColumnSchema[];
}
