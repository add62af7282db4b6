// ingest/xml: turns tokenizer events into CSV rows by walking the compiled mapping's states.
// Owns the mapping semantics: first match wins, direct text only, empty -> NULL, seq numbering,
// key propagation into child rows. Knows nothing about files (rows go to a RowSink).
import { utf8Text } from './byte-strings.js';
import type { XmlLimits } from './xml-limits.js';
import type { XmlTokenHandler, XmlTokenizer } from './xml-tokenizer.js';
import type { CsvChunkWriter } from './csv-chunk-writer.js';
import type { ColumnSlot, CompiledMapping, CompiledTable, MatchState } from './mapping-matcher.js';
import { CONTROL_CHARACTER, NEEDS_DECODING, RowArena, snapshotArena, type ArenaSnapshot } from './row-arena.js';
import { convertValue } from './value-convert.js';
import { MAX_XML_NAMES } from './xml-name-table.js';

/** Where rows go: one writer per table index (columns in outputSchemas order). */
export interface RowSink {
  table(t: number): CsvChunkWriter;
}

/** A child row waiting for its record's key: table, seq numbers (ancestors then own), fields. */
interface PendingRow {
  readonly table: number;
  readonly seqs: readonly number[];
  readonly fields: ArenaSnapshot;
}

const NO_STATE = -1;
const UNKNOWN = -2;

/**
 * The mapping engine: an XmlTokenHandler that emits one row per record and per child-table element.
 * Rows of a table are emitted in document order of their end tags; child rows wait (bounded by
 * `limits.maxPendingRecordChars` bytes) only while the record key has not been seen yet.
 * VARCHAR text captured by a single column streams straight into the row's byte arena.
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
  /** Per depth: the one VARCHAR slot its text streams to, or null (text collected in textAcc). */
  private readonly capDirect: (ColumnSlot | null)[] = [];
  private readonly textAcc: string[] = [];
  private readonly textAbs: number[] = [];
  private readonly textChars: number[] = [];
  private readonly states: readonly MatchState[];
  /** Per state: next state by name id (UNKNOWN until first seen). */
  private readonly nextById: Int32Array[];
  private readonly tables: readonly CompiledTable[];
  private readonly arenas: RowArena[];
  private readonly claimed: Uint8Array[];
  private readonly seq: Int32Array;
  private readonly seqCounter: Int32Array;
  private readonly writers: readonly CsvChunkWriter[];
  private readonly scratch: string[] = ['', '', '', ''];
  private keyReady = false;
  private pending: PendingRow[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly mapping: CompiledMapping,
    sink: RowSink,
    private readonly limits: XmlLimits,
  ) {
    this.states = mapping.states;
    this.nextById = mapping.states.map(() => new Int32Array(MAX_XML_NAMES).fill(UNKNOWN));
    this.tables = mapping.tables;
    this.stateAt = new Int32Array(limits.maxDepth + 2);
    this.capStart = new Int32Array(limits.maxDepth + 2);
    this.arenas = mapping.tables.map((t) => new RowArena(t.fieldCount));
    this.claimed = mapping.tables.map((t) => new Uint8Array(t.columns.length));
    this.seq = new Int32Array(mapping.tables.length);
    this.seqCounter = new Int32Array(mapping.tables.length);
    this.writers = mapping.tables.map((_, t) => sink.table(t));
  }

  openElement(name: string, id: number, tok: XmlTokenizer): void {
    const parent = this.stateAt[this.depth]!;
    let s = NO_STATE;
    if (parent !== NO_STATE) {
      s = id >= 0 ? this.nextById[parent]![id]! : UNKNOWN;
      if (s === UNKNOWN) s = this.resolve(parent, name, id);
      if (s === NO_STATE && this.depth === 0) throw this.wrongDump(name, tok);
    }
    const d = ++this.depth;
    this.stateAt[d] = s;
    this.capStart[d] = this.capTop;
    if (s === NO_STATE) {
      this.captureText = false;
      return;
    }
    const st = this.states[s]!;
    if (st.tableStarts.length > 0) for (const t of st.tableStarts) this.beginRow(t);
    if (st.attrCaptures.length > 0) this.captureAttributes(st, tok);
    if (st.textCaptures.length === 0) {
      this.captureText = false;
      return;
    }
    for (const slot of st.textCaptures) {
      const claimed = this.claimed[slot.table]!;
      if (claimed[slot.column]) continue;
      claimed[slot.column] = 1;
      this.capSlots[this.capTop++] = slot;
    }
    const count = this.capTop - this.capStart[d]!;
    const first = this.capSlots[this.capTop - 1]!;
    this.capDirect[d] = count === 1 && first.type === 'VARCHAR' ? first : null;
    this.textAcc[d] = '';
    this.textAbs[d] = -1;
    this.textChars[d] = 0;
    this.captureText = count > 0;
  }

  text(tok: XmlTokenizer, start: number, end: number, raw: boolean): void {
    const d = this.depth;
    if (this.textAbs[d]! < 0) this.textAbs[d] = tok.textOffset();
    const chars = (this.textChars[d] = this.textChars[d]! + end - start);
    if (chars > this.limits.maxTokenChars) {
      throw tok.errorAt('LK6108', tok.positionOf(this.textAbs[d]!),
        `text of one element longer than the limit of ${this.limits.maxTokenChars} characters`,
        'raise limits.maxTokenChars if this document is trusted');
    }
    const slot = this.capDirect[d]!;
    if (slot !== null) {
      const arena = this.arenas[slot.table]!;
      const r = raw ? arena.appendRange(slot.field, tok.buffer, start, end, false) : arena.appendString(slot.field, tok.pieceText(start, end));
      if (r === CONTROL_CHARACTER) throw this.controlCharacter(tok, this.textAbs[d]!);
    } else {
      this.textAcc[d] += raw ? tok.buffer.slice(start, end) : tok.pieceText(start, end);
    }
  }

  closeElement(tok: XmlTokenizer): void {
    const d = this.depth;
    const s = this.stateAt[d]!;
    if (s !== NO_STATE) {
      const from = this.capStart[d]!;
      if (this.capTop > from) {
        const direct = this.capDirect[d];
        if (direct === null) {
          const value = this.textAcc[d]!;
          this.textAcc[d] = '';
          for (let i = from; i < this.capTop; i++) this.assign(this.capSlots[i]!, value, tok, this.textAbs[d]!);
        } else if (direct === this.mapping.key) {
          this.keyArrived();
        }
        this.capTop = from;
      }
      const starts = this.states[s]!.tableStarts;
      for (let i = starts.length - 1; i >= 0; i--) this.endRow(starts[i]!, tok);
    }
    this.depth = d - 1;
    this.captureText = this.capTop > this.capStart[d - 1]!;
  }

  /** Looks up a transition by name and caches it by name id. */
  private resolve(parent: number, name: string, id: number): number {
    const s = this.states[parent]!.children.get(name) ?? NO_STATE;
    if (id >= 0) this.nextById[parent]![id] = s;
    return s;
  }

  private captureAttributes(st: MatchState, tok: XmlTokenizer): void {
    for (const cap of st.attrCaptures) {
      const slot = cap.slot;
      const claimed = this.claimed[slot.table]!;
      if (claimed[slot.column]) continue;
      const k = tok.attrIndex(cap.attr);
      if (k < 0) continue;
      claimed[slot.column] = 1;
      if (slot.type === 'VARCHAR') {
        const arena = this.arenas[slot.table]!;
        let r = arena.appendRange(slot.field, tok.buffer, tok.attrStartIndex(k), tok.attrEndIndex(k), true);
        if (r === NEEDS_DECODING) r = arena.appendString(slot.field, tok.attrValue(k));
        if (r === CONTROL_CHARACTER) throw this.controlCharacter(tok, tok.attrOffset(k));
        if (slot === this.mapping.key) this.keyArrived();
      } else {
        this.assign(slot, tok.attrValue(k), tok, tok.attrOffset(k));
      }
    }
  }

  /** Converts and stores one value; `abs` is its absolute offset for a diagnostic (-1: the current tag). */
  private assign(slot: ColumnSlot, value: string, tok: XmlTokenizer, abs: number): void {
    const arena = this.arenas[slot.table]!;
    if (slot.type === 'VARCHAR') {
      if (arena.appendString(slot.field, value) === CONTROL_CHARACTER) throw this.controlCharacter(tok, abs);
    } else {
      const parts = this.scratch;
      if (!convertValue(slot.type, value, parts, 0)) {
        const text = utf8Text(value);
        const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
        throw tok.errorAt('LK6104', tok.positionOf(abs), `value "${shown}" of column "${slot.name}" (path "${slot.path}") does not convert to ${slot.type}`,
          'the dump is corrupt, or the mapping declares the wrong type for this column');
      }
      if (slot.type === 'PARTIAL_DATE') {
        if (arena.appendString(slot.field, parts[0]!) === CONTROL_CHARACTER) throw this.controlCharacter(tok, abs);
        for (let i = 1; i < 4; i++) arena.setAscii(slot.field + i, parts[i]!);
      } else {
        arena.setAscii(slot.field, parts[0]!);
      }
    }
    if (slot === this.mapping.key) this.keyArrived();
  }

  private beginRow(t: number): void {
    this.arenas[t]!.reset();
    const claimed = this.claimed[t]!;
    for (let i = 0; i < claimed.length; i++) claimed[i] = 0;
    const children = this.tables[t]!.children;
    for (let i = 0; i < children.length; i++) this.seqCounter[children[i]!] = 0;
    if (t === 0) this.keyReady = false;
    else this.seq[t] = ++this.seqCounter[t]!;
  }

  private endRow(t: number, tok: XmlTokenizer): void {
    const table = this.tables[t]!;
    if (t === 0) {
      const w = this.writers[0]!;
      w.fields(this.arenas[0]!, table.fieldCount);
      w.endRow();
      this.keyArrived(); // a record without a key gives its waiting child rows a NULL key
      this.records++;
      return;
    }
    if (this.keyReady) {
      this.writeChildRow(t, table.ancestors, this.arenas[t]!);
      return;
    }
    const seqs = table.ancestors.map((a) => this.seq[a]!);
    seqs.push(this.seq[t]!);
    const fields = snapshotArena(this.arenas[t]!);
    this.pending.push({ table: t, seqs, fields });
    this.pendingBytes += fields.bytes.length + 16 * (seqs.length + 1);
    if (this.pendingBytes > this.limits.maxPendingRecordChars) {
      throw tok.errorAt('LK6108', tok.tokenPosition(),
        `record buffered more than ${this.limits.maxPendingRecordChars} bytes of child rows before its key`,
        'raise limits.maxPendingRecordChars, or map a key that appears earlier in the record');
    }
  }

  /** Writes a child row: key, ancestor seqs, own seq, fields. */
  private writeChildRow(t: number, ancestors: readonly number[], fields: ArenaSnapshot | RowArena): void {
    const w = this.writers[t]!;
    w.field(this.arenas[0]!, this.mapping.key.field);
    for (let i = 0; i < ancestors.length; i++) w.int(this.seq[ancestors[i]!]!);
    w.int(this.seq[t]!);
    w.fields(fields, this.tables[t]!.fieldCount);
    w.endRow();
  }

  /** The key's value is final: write the child rows that waited for it. */
  private keyArrived(): void {
    this.keyReady = true;
    if (this.pending.length === 0) return;
    const key = this.arenas[0]!;
    for (const row of this.pending) {
      const w = this.writers[row.table]!;
      w.field(key, this.mapping.key.field);
      for (const n of row.seqs) w.int(n);
      w.fields(row.fields, this.tables[row.table]!.fieldCount);
      w.endRow();
    }
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** LK6101 for a control character XML does not allow, in the value at absolute offset `abs`. */
  private controlCharacter(tok: XmlTokenizer, abs: number): Error {
    return tok.errorAt('LK6101', tok.positionOf(abs), 'value holds a control character that XML does not allow', 'the dump is corrupt');
  }

  private wrongDump(name: string, tok: XmlTokenizer): Error {
    return tok.errorAt('LK6103', tok.tokenPosition(),
      `document element is <${utf8Text(name)}>, but this source expects <${this.mapping.root}>: wrong dump for source`,
      `check that the source points at a ${this.mapping.root} dump`);
  }
}
