// ingest/xml: interns element and attribute names to small stable ids, so the tokenizer allocates no
// string per tag and the mapper can follow transitions by array index instead of a Map lookup.

/** Most distinct names interned; further names get id -1 and are handled as plain strings. */
export const MAX_XML_NAMES = 4096;
const SLOT_MASK = 2 * MAX_XML_NAMES - 1;

/** Open-addressing table of names (never evicts; bounded by MAX_XML_NAMES). */
export class XmlNameTable {
  /** Name by id. Strings are flat copies, never slices that would keep a decoded chunk alive. */
  readonly names: string[] = [];
  private readonly codes: Uint16Array[] = [];
  private readonly hashes: number[] = [];
  private readonly slots = new Int32Array(SLOT_MASK + 1);

  /**
   * Id of the name `buf[start..end)`, whose hash (as computed by the caller: `h = h * 31 + c | 0` over its
   * UTF-16 units) is `h`; adds it when new. Returns -1 when the table is full and the name is new.
   */
  intern(buf: string, start: number, end: number, h: number): number {
    const len = end - start;
    let slot = (h ^ (h >>> 13)) & SLOT_MASK;
    for (;;) {
      const id = this.slots[slot]! - 1;
      if (id < 0) break;
      if (this.hashes[id] === h && this.codes[id]!.length === len && this.matches(buf, start, id)) return id;
      slot = (slot + 1) & SLOT_MASK;
    }
    if (this.names.length >= MAX_XML_NAMES) return -1;
    const name = Array.from(buf.slice(start, end)).join('');
    const id = this.names.length;
    this.names.push(name);
    this.codes.push(Uint16Array.from(name, (ch) => ch.charCodeAt(0)));
    this.hashes.push(h);
    this.slots[slot] = id + 1;
    return id;
  }

  /** True when name `id` occurs in `buf` at `i`. */
  matches(buf: string, i: number, id: number): boolean {
    const codes = this.codes[id]!;
    const n = codes.length;
    if (i + n > buf.length) return false;
    for (let k = 0; k < n; k++) if (buf.charCodeAt(i + k) !== codes[k]) return false;
    return true;
  }
}
