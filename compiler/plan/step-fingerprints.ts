// plan/: column-aware step fingerprints. A model's fingerprint covers the upstream columns it reads,
// not its inputs' whole fingerprints, so an upstream edit reaches exactly the models that read an
// affected column (or whose rows depend on it), and a description edit reaches none.
// crypto.hash: one-shot digest, about twice as fast as createHash for short inputs (Node >= 20.12).
import { hash } from 'node:crypto';
import type { AstLogic } from '../parse/ast-logic.js';
import { compareEdges } from '../check/lineage/deps.js';
import type { ColumnLineage, LineageEdge } from '../types/lineage.js';
import type { StepFingerprint } from '../types/plan.js';
import type { ColumnSchema, XmlMapping } from '../types/xml-mapping.js';
import { fingerprintOf } from './fingerprint.js';

/**
 * INDIRECT subtypes that decide which rows a step produces. `rows` covers the columns such edges read
 * in any output column (a union, so it does not depend on which columns exist). WINDOW and CONDITIONAL
 * edges shape one column's values, so they stay in that column's fingerprint.
 */
const ROW_SUBTYPES: ReadonlySet<string> = new Set(['JOIN', 'FILTER', 'GROUP_BY', 'SORT']);

/** Length of a column fingerprint in hex characters (64 bits). */
const COLUMN_FP_CHARS = 16;

/** What is known of a dataset already fingerprinted: its rows and each column's fingerprint. */
interface DatasetPrint {
  readonly rows: string;
  /** Column name (exact, and lower-cased) -> column fingerprint. */
  readonly columns: ReadonlyMap<string, string>;
  /** Stand-in for a column not found by name (should not happen for a checked project): the dataset's data fingerprint. */
  readonly whole: string;
}

/**
 * Fingerprints steps in topological order; feed every step before the steps that read its datasets.
 *
 * The scheme (all sha256 over canonical JSON, plan/fingerprint.ts):
 * - ingest: `definition` = what the step reads and how (XML: {type, location, pattern, mapping}; tables:
 *   {type, location or schema, pattern, tables}); `rows` of each bronze dataset = {step definition,
 *   dataset}, or for a tables source {its own table's definition, dataset}, so editing one table leaves
 *   the other tables' readers alone; a bronze column = {dataset rows, name, type}.
 * - model: `definition` = {ast, materialization, layer, dataset}. `rows` = {row logic (AstLogic.rows),
 *   `rows` of every input, fingerprints of the columns read by JOIN, FILTER, GROUP_BY or SORT edges
 *   of any output column}. A column = {rows, its own select item (or the whole AST when the select
 *   list is part of the row logic), name, type, fingerprints of the columns its other edges read}.
 *   `data` = {definition, rows, [name, type, column fingerprint] per column}.
 * - `metadata` = {description, severities of the rules on the step's datasets}.
 * This refines "sha256 over AST, materialization, schema and upstream data fingerprints" to upstream
 * *column* fingerprints, which is what lets a column no downstream model reads change without
 * rebuilding them.
 */
export class StepFingerprinter {
  private readonly datasets = new Map<string, DatasetPrint>();

  /**
   * Fingerprints an ingest step writing `outputs` (name -> columns). `perOutput` (tables sources): each
   * output's own definition, which its rows fingerprint covers instead of the whole step's.
   */
  ingest(
    def: { readonly type: string } & Readonly<Record<string, unknown>>,
    outputs: ReadonlyMap<string, readonly ColumnSchema[]>, metadata: unknown,
    perOutput?: ReadonlyMap<string, unknown>,
  ): StepFingerprint {
    const definition = fingerprintOf({ kind: 'ingest', ...def });
    const data = fingerprintOf({ definition });
    for (const [name, columns] of outputs) {
      const own = perOutput?.get(name);
      const rows = fingerprintOf(own === undefined ? { definition, dataset: name } : { definition: fingerprintOf({ kind: 'ingest', table: own }), dataset: name });
      this.remember(name, rows, data, columns.map((c) => [c.name, short({ rows, name: c.name, type: c.type })]));
    }
    return { data, definition, metadata: fingerprintOf(metadata), rows: fingerprintOf({ definition }) };
  }

  /**
   * Fingerprints a model step; `columns` are its factored columns (edges without `rowEdges`).
   * @returns the step fingerprint and one column fingerprint per output column, in order.
   */
  model(
    m: { readonly ast: string; readonly logic: AstLogic; readonly layer: string; readonly dataset: string; readonly inputs: readonly string[] },
    columns: readonly ColumnLineage[], rowEdges: readonly LineageEdge[], metadata: unknown,
  ): { fingerprint: StepFingerprint; columnFingerprints: string[] } {
    const definition = fingerprintOf({ kind: 'model', ast: m.ast, materialization: 'table', layer: m.layer, dataset: m.dataset });
    // How the plan factors shared edges into rowEdges depends on which columns exist, so fingerprints
    // read the unfactored lineage (a column's edges plus rowEdges) to stay put when a column is added.
    // Row-deciding edges go into `rows` once (their union over all columns); a column adds only its
    // other edges (DIRECT, WINDOW, CONDITIONAL), which keeps the work linear in the number of edges.
    const rowReads = new Map<string, LineageEdge>();
    const sharedOther = rowEdges.filter((e) => !ROW_SUBTYPES.has(e.subtype));
    for (const e of rowEdges) if (ROW_SUBTYPES.has(e.subtype)) rowReads.set(`${e.source}\u0000${e.subtype}`, e);
    for (const c of columns) for (const e of c.edges) if (ROW_SUBTYPES.has(e.subtype)) rowReads.set(`${e.source}\u0000${e.subtype}`, e);
    const rows = fingerprintOf({
      logic: m.logic.rows,
      inputs: m.inputs.map((d) => [d, this.datasets.get(d)?.rows ?? null]),
      reads: this.reads([...rowReads.values()].sort(compareEdges)),
    });
    const own = this.ownItems(m.logic, columns.length, m.ast);
    const columnFingerprints = columns.map((c, i) => {
      const other = c.edges.filter((e) => !ROW_SUBTYPES.has(e.subtype));
      const edges = sharedOther.length ? [...other, ...sharedOther].sort(compareEdges) : other;
      return short([rows, own[i]!, c.name, c.type, this.reads(edges)]);
    });
    const data = fingerprintOf({ definition, rows, columns: columns.map((c, i) => [c.name, c.type, columnFingerprints[i]!]) });
    this.remember(m.dataset, rows, data, columns.map((c, i) => [c.name, columnFingerprints[i]!]));
    return { fingerprint: { data, definition, metadata: fingerprintOf(metadata), rows }, columnFingerprints };
  }

  /** Each edge with the fingerprint of the column it reads, sorted (edges already are, by source). */
  private reads(edges: readonly LineageEdge[]): string[] {
    return edges.map((e) => `${e.source}\u0000${e.subtype}\u0000${this.columnPrint(e.source)}`);
  }

  private columnPrint(source: string): string {
    const dot = source.indexOf('.');
    const d = this.datasets.get(source.slice(0, dot)) ?? this.datasets.get(source.slice(0, dot).toLowerCase());
    if (!d) return 'unknown';
    const name = source.slice(dot + 1);
    return d.columns.get(name) ?? d.columns.get(name.toLowerCase()) ?? d.whole;
  }

  /**
   * The select item behind each output column: items map one to one, except the one star item, which
   * stands for however many columns the others leave. Without items (or when counts disagree), every
   * column's own part is the whole AST.
   */
  private ownItems(logic: AstLogic, count: number, ast: string): string[] {
    const items = logic.items;
    if (!items) return new Array<string>(count).fill(ast);
    if (logic.star < 0) return items.length === count ? [...items] : new Array<string>(count).fill(ast);
    const starCount = count - (items.length - 1);
    if (starCount < 0) return new Array<string>(count).fill(ast);
    return [...items.slice(0, logic.star), ...new Array<string>(starCount).fill(items[logic.star]!), ...items.slice(logic.star + 1)];
  }

  private remember(dataset: string, rows: string, whole: string, columns: [string, string][]): void {
    const map = new Map<string, string>();
    for (const [name, fp] of columns) {
      map.set(name, fp);
      if (!map.has(name.toLowerCase())) map.set(name.toLowerCase(), fp);
    }
    this.datasets.set(dataset, { rows, columns: map, whole });
  }
}

function short(value: unknown): string {
  return hash('sha256', JSON.stringify(value)).slice(0, COLUMN_FP_CHARS);
}
