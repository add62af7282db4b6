// ingest/xml: compiles an XmlMapping into a state machine over the element stack, so the mapper's
// per-element work is one Map lookup: a state is one element path (a trie node) and says which
// rows start there and which column values it holds.
import type { SourceColumnType, XmlChildMapping, XmlColumnMapping, XmlMapping } from '../../../compiler/types/xml-mapping.js';
import { InternalError } from '../../../compiler/diagnostics/diagnostic.js';
import { parseChildPath, parseColumnPath } from './mapping-paths.js';

/** Where one mapped column's value goes: table `table`, claim slot `column`, CSV field `field` on. */
export interface ColumnSlot {
  readonly table: number;
  /** Index of the column among the table's mapped columns (its "first match" flag). */
  readonly column: number;
  /** Index of its first CSV field among the table's mapped fields (PARTIAL_DATE takes four). */
  readonly field: number;
  readonly type: SourceColumnType;
  readonly name: string;
  readonly path: string;
}

/** One element path. State 0 is the document; -1 (not stored) is "no mapping below here". */
export interface MatchState {
  /** Child element name -> state. */
  readonly children: Map<string, number>;
  /** Tables (indexes) a row of which starts at this element, outermost first. */
  readonly tableStarts: number[];
  /** Columns taking an attribute of this element. */
  readonly attrCaptures: { readonly attr: string; readonly slot: ColumnSlot }[];
  /** Columns taking the direct text of this element. */
  readonly textCaptures: ColumnSlot[];
}

/** A table of the compiled mapping, in outputSchemas order (0 = the record table). */
export interface CompiledTable {
  readonly name: string;
  /** Child tables strictly between the record table and this one, outermost first. */
  readonly ancestors: readonly number[];
  /** Direct child tables. */
  readonly children: number[];
  readonly columns: readonly ColumnSlot[];
  /** Number of CSV fields of the mapped columns (without key and seq fields). */
  readonly fieldCount: number;
}

/** The compiled mapping. */
export interface CompiledMapping {
  readonly root: string;
  readonly states: readonly MatchState[];
  readonly tables: readonly CompiledTable[];
  /** The slot of the record key column (table 0). */
  readonly key: ColumnSlot;
}

/**
 * Compiles `mapping` (already checked by checkXmlMapping) into states: 0 = document, 1 = root,
 * 2 = record; other states follow the column and child paths, shared where paths share prefixes.
 * @throws InternalError on an unchecked mapping (bad path or missing key).
 */
export function compileMapping(mapping: XmlMapping): CompiledMapping {
  const states: MatchState[] = [];
  const tables: CompiledTable[] = [];
  const newState = (): number => {
    states.push({ children: new Map(), tableStarts: [], attrCaptures: [], textCaptures: [] });
    return states.length - 1;
  };
  const step = (from: number, name: string): number => {
    const st = states[from] as MatchState;
    let next = st.children.get(name);
    if (next === undefined) {
      next = newState();
      st.children.set(name, next);
    }
    return next;
  };
  const addTable = (name: string, at: number, columns: readonly XmlColumnMapping[], ancestors: readonly number[],
    children: readonly XmlChildMapping[]): number => {
    const index = tables.length;
    const slots = slotColumns(index, columns);
    const last = slots[slots.length - 1];
    const fieldCount = last === undefined ? 0 : last.field + (last.type === 'PARTIAL_DATE' ? 4 : 1);
    tables.push({ name, ancestors, children: [], columns: slots, fieldCount });
    (states[at] as MatchState).tableStarts.push(index);
    for (const slot of slots) {
      const path = parseColumnPath(slot.path);
      if (path === undefined) throw new InternalError(`unchecked XML mapping: bad column path "${slot.path}"`);
      const target = path.steps.reduce(step, at);
      const st = states[target] as MatchState;
      if (path.attr === undefined) st.textCaptures.push(slot);
      else st.attrCaptures.push({ attr: path.attr, slot });
    }
    const own = index === 0 ? [] : [...ancestors, index];
    for (const child of children) {
      const steps = parseChildPath(child.path);
      if (steps === undefined) throw new InternalError(`unchecked XML mapping: bad child path "${child.path}"`);
      const childIndex = addTable(child.table, steps.reduce(step, at), child.columns, own, child.children);
      (tables[index] as CompiledTable).children.push(childIndex);
    }
    return index;
  };
  const doc = newState();
  const root = step(doc, mapping.root);
  const record = step(root, mapping.record);
  addTable(mapping.table, record, mapping.columns, [], mapping.children);
  const key = (tables[0] as CompiledTable).columns.find((c) => c.name === mapping.key);
  if (key === undefined) throw new InternalError(`unchecked XML mapping: key "${mapping.key}" is not a column`);
  return { root: mapping.root, states, tables, key };
}

function slotColumns(table: number, columns: readonly XmlColumnMapping[]): ColumnSlot[] {
  let field = 0;
  return columns.map((c, column) => {
    const slot = { table, column, field, type: c.type, name: c.name, path: c.path };
    field += c.type === 'PARTIAL_DATE' ? 4 : 1;
    return slot;
  });
}
