// ingest/xml: turns tokenizer events into CSV rows by walking the compiled mapping's states.
// Owns the mapping semantics: first match wins, direct text only, empty -> NULL, seq numbering,
// key propagation into child rows. Knows nothing about files (rows go to a RowSink).
import type { XmlLimits } from './xml-limits.js';
import type { XmlTokenHandler, XmlTokenizer } from './xml-tokenizer.js';
import type { CsvRowWriter } from './csv-chunk-writer.js';
import type { ColumnSlot, CompiledMapping, MatchState } from './mapping-matcher.js';
import { convertValue } from './value-convert.js';

/** Where rows go: one row writer per table index (columns in outputSchemas order). */
export interface RowSink {
  table(t: number): CsvRowWriter;
}

/** A child row waiting for its record's key: table, seq numbers (ancestors then own), field values. */
interface PendingRow {
  readonly table: number;
  readonly seqs: readonly number[];
  readonly values: readonly string[];
}

const NO_STATE = -1;

/**
 * The mapping engine: an XmlTokenHandler that emits one row per record and per child-table element.
 * Rows of a table are emitted in document order of their end tags; child rows wait (bounded by
 * `limits.maxPendingRecordChars`) only while the record key has not been seen yet.
 */
export class RecordMapper implements XmlTokenHandler {
  captureText = false;
  /** Records finished so far. */
  records = 0;
  private depth = 0;
  private readonly stateAt: Int32Array;
  private readonly capStart: Int32Array;
  private readonly capSlots: ColumnSlot[] = [];
  private capTop = 0;
  private readonly textAcc: string[] = [];
  private readonly textAbs: number[] = [];
  private readonly states: readonly MatchState[];
  private readonly fields: string[][];
  private readonly claimed: Uint8Array[];
  private readonly seq: Int32Array;
  private readonly seqCounter: Int32Array;
  private readonly writers: readonly CsvRowWriter[];
  private readonly keyPlain: boolean;
  private keyValue = '';
  private keyReady = false;
  private pending: PendingRow[] = [];
  private pendingChars = 0;

  constructor(
    private readonly mapping: CompiledMapping,
    private readonly sink: RowSink,
    private readonly limits: XmlLimits,
  ) {
    this.states = mapping.states;
    this.stateAt = new Int32Array(limits.maxDepth + 2);
    this.capStart = new Int32Array(limits.maxDepth + 2);
    this.fields = mapping.tables.map((t) => new Array<string>(t.fieldCount).fill(''));
    this.claimed = mapping.tables.map((t) => new Uint8Array(t.columns.length));
    this.seq = new Int32Array(mapping.tables.length);
    this.seqCounter = new Int32Array(mapping.tables.length);
    this.writers = mapping.tables.map((_, t) => sink.table(t));
    this.keyPlain = mapping.tables[0]!.plain[mapping.key.field] === 1;
  }

  openElement(name: string, tok: XmlTokenizer): void {
    const parent = this.stateAt[this.depth] as number;
    let s = NO_STATE;
    if (parent !== NO_STATE) {
      const next = (this.states[parent] as MatchState).children.get(name);
      if (next !== undefined) s = next;
      else if (this.depth === 0) throw this.wrongDump(name, tok);
    }
    const d = ++this.depth;
    this.stateAt[d] = s;
    this.capStart[d] = this.capTop;
    if (s === NO_STATE) {
      this.captureText = false;
      return;
    }
    const st = this.states[s] as MatchState;
    for (let i = 0; i < st.tableStarts.length; i++) this.beginRow(st.tableStarts[i] as number);
    for (let i = 0; i < st.attrCaptures.length; i++) {
      const cap = st.attrCaptures[i]!;
      const claimed = this.claimed[cap.slot.table] as Uint8Array;
      if (claimed[cap.slot.column]) continue;
      const k = tok.attrIndex(cap.attr);
      if (k < 0) continue;
      claimed[cap.slot.column] = 1;
      this.assign(cap.slot, tok.attrValue(k), tok, tok.attrOffset(k));
    }
    for (let i = 0; i < st.textCaptures.length; i++) {
      const slot = st.textCaptures[i]!;
      const claimed = this.claimed[slot.table] as Uint8Array;
      if (claimed[slot.column]) continue;
      claimed[slot.column] = 1;
      this.capSlots[this.capTop++] = slot;
    }
    if (this.capTop > (this.capStart[d] as number)) {
      this.textAcc[d] = '';
      this.textAbs[d] = -1;
      this.captureText = true;
    } else {
      this.captureText = false;
    }
  }

  text(value: string, tok: XmlTokenizer): void {
    const d = this.depth;
    if ((this.textAbs[d] as number) < 0) this.textAbs[d] = tok.textOffset();
    const acc = (this.textAcc[d] as string) + value;
    if (acc.length > this.limits.maxTokenChars) {
      throw tok.errorAt('LK6108', tok.positionOf(this.textAbs[d] as number),
        `text of one element longer than the limit of ${this.limits.maxTokenChars} characters`,
        'raise limits.maxTokenChars if this document is trusted');
    }
    this.textAcc[d] = acc;
  }

  closeElement(tok: XmlTokenizer): void {
    const d = this.depth;
    const s = this.stateAt[d] as number;
    if (s !== NO_STATE) {
      const from = this.capStart[d] as number;
      if (this.capTop > from) {
        const value = this.textAcc[d] as string;
        const abs = this.textAbs[d] as number;
        for (let i = from; i < this.capTop; i++) this.assign(this.capSlots[i]!, value, tok, abs);
        this.capTop = from;
        this.textAcc[d] = '';
      }
      const starts = (this.states[s] as MatchState).tableStarts;
      for (let i = starts.length - 1; i >= 0; i--) this.endRow(starts[i] as number, tok);
    }
    this.depth = d - 1;
    this.captureText = this.capTop > (this.capStart[d - 1] as number);
  }

  /** Converts and stores one value; `abs` is its absolute offset for a diagnostic (-1: the current tag). */
  private assign(slot: ColumnSlot, value: string, tok: XmlTokenizer, abs: number): void {
    const fields = this.fields[slot.table] as string[];
    if (!convertValue(slot.type, value, fields, slot.field)) {
      const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
      throw tok.errorAt('LK6104', tok.positionOf(abs), `value "${shown}" of column "${slot.name}" (path "${slot.path}") does not convert to ${slot.type}`,
        'the dump is corrupt, or the mapping declares the wrong type for this column');
    }
    if (slot === this.mapping.key) {
      this.keyValue = fields[slot.field] as string;
      this.keyReady = true;
      this.flushPending();
    }
  }

  private beginRow(t: number): void {
    (this.fields[t] as string[]).fill('');
    (this.claimed[t] as Uint8Array).fill(0);
    const children = this.mapping.tables[t]!.children;
    for (let i = 0; i < children.length; i++) this.seqCounter[children[i] as number] = 0;
    if (t === 0) {
      this.keyReady = false;
      this.keyValue = '';
    } else {
      this.seq[t] = ++(this.seqCounter[t] as number);
    }
  }

  private endRow(t: number, tok: XmlTokenizer): void {
    const fields = this.fields[t] as string[];
    if (t === 0) {
      const w = this.writers[0] as CsvRowWriter;
      this.writeFields(w, fields, this.mapping.tables[0]!.plain);
      w.endRow();
      this.keyReady = true; // a record without a key gives its child rows a NULL key
      this.flushPending();
      this.records++;
      return;
    }
    const table = this.mapping.tables[t]!;
    if (this.keyReady) {
      const w = this.writers[t] as CsvRowWriter;
      this.writeKey(w);
      for (let i = 0; i < table.ancestors.length; i++) w.int(this.seq[table.ancestors[i] as number] as number);
      w.int(this.seq[t] as number);
      this.writeFields(w, fields, table.plain);
      w.endRow();
      return;
    }
    const seqs = table.ancestors.map((a) => this.seq[a] as number);
    seqs.push(this.seq[t] as number);
    this.pending.push({ table: t, seqs, values: fields.slice() });
    for (const v of fields) this.pendingChars += v.length + 1;
    if (this.pendingChars > this.limits.maxPendingRecordChars) {
      throw tok.errorAt('LK6108', tok.tokenPosition(),
        `record buffered more than ${this.limits.maxPendingRecordChars} characters of child rows before its key`,
        'raise limits.maxPendingRecordChars, or map a key that appears earlier in the record');
    }
  }

  private writeKey(w: CsvRowWriter): void {
    if (this.keyPlain) w.plain(this.keyValue);
    else w.text(this.keyValue);
  }

  private writeFields(w: CsvRowWriter, fields: readonly string[], plain: Uint8Array): void {
    for (let i = 0; i < fields.length; i++) {
      if (plain[i] === 1) w.plain(fields[i] as string);
      else w.text(fields[i] as string);
    }
  }

  private flushPending(): void {
    if (this.pending.length === 0) return;
    for (const row of this.pending) {
      const w = this.writers[row.table] as CsvRowWriter;
      this.writeKey(w);
      for (const n of row.seqs) w.int(n);
      this.writeFields(w, row.values, this.mapping.tables[row.table]!.plain);
      w.endRow();
    }
    this.pending = [];
    this.pendingChars = 0;
  }

  private wrongDump(name: string, tok: XmlTokenizer): Error {
    return tok.errorAt('LK6103', tok.tokenPosition(),
      `document element is <${name}>, but this source expects <${this.mapping.root}>: wrong dump for source`,
      `check that the source points at a ${this.mapping.root} dump`);
  }
}
