// ingestXml end to end: XML (plain or gzip) -> Parquet parts read back through DuckDB, exact values,
// types and NULLs; source errors; abort; cleanup.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XmlColumnMapping, XmlMapping, SourceColumnType } from '../../compiler/types/xml-mapping.js';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import { quoteLiteral } from '../../runtime/engine/engine-adapter.js';
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import { ingestXml, type IngestXmlOptions, type IngestXmlResult } from '../../runtime/ingest/xml/index.js';
import { asyncDiagnosticOf, where } from './ingest-test-helpers.js';

const col = (name: string, path: string, type: SourceColumnType = 'VARCHAR'): XmlColumnMapping => ({ name, path, type });

const MAPPING: XmlMapping = {
  root: 'rs',
  record: 'r',
  table: 'rs',
  key: 'id',
  columns: [col('id', '@id', 'BIGINT'), col('s', 's'), col('a', '@a'), col('d', 'd', 'PARTIAL_DATE'), col('x', 'x', 'DOUBLE'),
    col('n', 'n', 'INTEGER'), col('b', 'b', 'BOOLEAN')],
  children: [
    { table: 'r_items', path: 'items/item', seq: 'item_seq', columns: [col('v', '.')], children: [] },
    { table: 'r_never', path: 'never/seen', seq: 'seq', columns: [col('w', '@w', 'DOUBLE'), col('when', '.', 'PARTIAL_DATE')], children: [] },
  ],
};

let engine: EngineAdapter;
let dir: string;
let counter = 0;

beforeAll(async () => {
  engine = await openDuckDb({ threads: 2 });
  dir = mkdtempSync(join(tmpdir(), 'lakec-ingest-test-'));
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeInput(content: string | Buffer, gzip = false): string {
  const file = join(dir, `input-${counter++}.dat`);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  writeFileSync(file, gzip ? gzipSync(bytes) : bytes);
  return file;
}

function options(file: string, extra: Partial<IngestXmlOptions> = {}): IngestXmlOptions {
  return { mapping: MAPPING, file, displayPath: 'src/rs.xml', outDir: join(dir, `out-${counter++}`), engine, tmpDir: dir, ...extra };
}

async function readTable(outDir: string, result: IngestXmlResult, table: string): Promise<Record<string, unknown>[]> {
  const files = result.tables.find((t) => t.table === table)!.files.map((f) => quoteLiteral(join(outDir, f)));
  return engine.query(`SELECT * FROM read_parquet([${files.join(', ')}])`);
}

async function typesOf(outDir: string, result: IngestXmlResult, table: string): Promise<string[]> {
  const file = join(outDir, result.tables.find((t) => t.table === table)!.files[0]!);
  const rows = await engine.query(`DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(file)})`);
  return rows.map((r) => `${String(r['column_name'])} ${String(r['column_type'])}`);
}

const TRICKY = ['plain', 'comma, inside', 'quote " inside', '""', 'new\nline', 'cr\ronly', 'crlf\r\nend', ' padded ', 'tab\there',
  'unicode \u00e9\u2153\u4e2d\ud83c\udfb5', '\\N', 'NULL', ',', '"', ' '];

function xmlEscape(s: string, attr: boolean): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '"' && attr) out += '&quot;';
    else if (cp < 0x20 || (attr && cp === 0x20 && false)) out += `&#${cp};`;
    else out += ch;
  }
  return out;
}

describe('ingestXml', () => {
  it('round-trips values with quotes, commas, line breaks, CR and Unicode exactly, with declared types and NULLs', async () => {
    const records = TRICKY.map((s, i) => `<r id="${i + 1}" a="${xmlEscape(s, true)}"><s>${xmlEscape(s, false)}</s>` +
      `<items><item>${xmlEscape(s, false)}</item><item/></items></r>`).join('\n');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<rs>\n${records}\n` +
      '<r id="100"><d>2001-02-03</d><x>-1.5e-3</x><n>-2147483648</n><b>false</b></r>\n' +
      '<r id="9223372036854775807"><d>2001-13-40</d><x>INF</x><b>1</b></r></rs>\n';
    const opts = options(writeInput(xml, true));
    const result = await ingestXml(opts);
    expect(result.records).toBe(TRICKY.length + 2);
    expect(result.xmlBytes).toBe(Buffer.byteLength(xml));
    expect(result.tables.map((t) => [t.table, t.rows, t.files.length])).toEqual([['rs', 17, 1], ['r_items', 30, 1], ['r_never', 0, 1]]);

    const rs = await readTable(opts.outDir, result, 'rs');
    expect(rs.slice(0, TRICKY.length).map((r) => r['s'])).toEqual(TRICKY);
    expect(rs.slice(0, TRICKY.length).map((r) => r['a'])).toEqual(TRICKY);
    expect(rs[TRICKY.length]).toEqual({ id: 100n, s: null, a: null, d: '2001-02-03', d_year: 2001, d_month: 2, d_day: 3, x: -0.0015, n: -2147483648, b: false });
    expect(rs[TRICKY.length + 1]).toEqual({ id: 9223372036854775807n, s: null, a: null, d: '2001-13-40', d_year: 2001, d_month: null, d_day: null, x: Infinity, n: null, b: true });
    const items = await readTable(opts.outDir, result, 'r_items');
    expect(items.slice(0, 4)).toEqual([{ id: 1n, item_seq: 1, v: 'plain' }, { id: 1n, item_seq: 2, v: null }, { id: 2n, item_seq: 1, v: 'comma, inside' }, { id: 2n, item_seq: 2, v: null }]);

    expect(await typesOf(opts.outDir, result, 'rs')).toEqual(['id BIGINT', 's VARCHAR', 'a VARCHAR', 'd VARCHAR', 'd_year INTEGER',
      'd_month INTEGER', 'd_day INTEGER', 'x DOUBLE', 'n INTEGER', 'b BOOLEAN']);
    expect(await typesOf(opts.outDir, result, 'r_never')).toEqual(['id BIGINT', 'seq INTEGER', 'w DOUBLE', 'when VARCHAR', 'when_year INTEGER',
      'when_month INTEGER', 'when_day INTEGER']);
    expect(readdirSync(dir).filter((f) => f.startsWith('lakec-ingest-'))).toEqual([]);
  });

  it('round-trips arbitrary Unicode strings (property)', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => [...s].filter((ch) => {
      const cp = ch.codePointAt(0)!;
      return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
    }).join('')).filter((s) => s.length > 0);
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 30 }), async (values) => {
        const xml = `<rs>${values.map((v, i) => `<r id="${i}" a="${xmlEscape(v, true).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`)}"><s>${xmlEscape(v, false)}</s></r>`).join('')}</rs>`;
        const opts = options(writeInput(xml));
        const result = await ingestXml(opts);
        const rs = await readTable(opts.outDir, result, 'rs');
        expect(rs.map((r) => r['s'])).toEqual(values);
        expect(rs.map((r) => r['a'])).toEqual(values);
      }),
      { numRuns: 15, seed: 11 },
    );
  });

  it('round-trips values longer than DuckDB\'s default CSV line limit', async () => {
    const long = `${'\u00e9x,"'.repeat(700_000)}end`;
    const opts = options(writeInput(`<rs><r id="1"><s>${xmlEscape(long, false)}</s></r></rs>`));
    const result = await ingestXml(opts);
    const [row] = await readTable(opts.outDir, result, 'rs');
    expect(row!['s']).toBe(long);
  });

  it('reads multi-member gzip (concatenated .gz files) and detects gzip by content, not name', async () => {
    const xml = `<rs>${Array.from({ length: 50 }, (_, i) => `<r id="${i}"><s>v${i}</s></r>`).join('')}</rs>`;
    const cut = xml.indexOf('<r id="25"');
    const file = writeInput(Buffer.concat([gzipSync(Buffer.from(xml.slice(0, cut))), gzipSync(Buffer.from(xml.slice(cut)))]));
    expect(file.endsWith('.dat')).toBe(true);
    const result = await ingestXml(options(file));
    expect(result.records).toBe(50);
    expect(result.xmlBytes).toBe(xml.length);
  });

  it('splits large tables into several parts and keeps row order', async () => {
    const xml = `<rs>${Array.from({ length: 3000 }, (_, i) => `<r id="${i}"><s>${'v'.repeat(50)}${i}</s></r>`).join('')}</rs>`;
    const opts = options(writeInput(xml), { chunkBytes: 16 * 1024 });
    const result = await ingestXml(opts);
    const rs = result.tables[0]!;
    expect(rs.files.length).toBeGreaterThan(3);
    expect(rs.files[1]).toBe('rs/part-00001.parquet');
    const ids = (await readTable(opts.outDir, result, 'rs')).map((r) => Number(r['id']));
    expect(ids).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });

  it('reports progress and honours abort, cleaning up temporary chunks', async () => {
    const xml = `<rs>${Array.from({ length: 20000 }, (_, i) => `<r id="${i}"><s>${'w'.repeat(100)}</s></r>`).join('')}</rs>`;
    const file = writeInput(xml, true);
    const seen: number[] = [];
    const done = await ingestXml(options(file, { onProgress: (p) => seen.push(p.records) }));
    expect(done.records).toBe(20000);
    expect(seen.at(-1)).toBe(20000);
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    await expect(ingestXml(options(file, { signal: controller.signal }))).rejects.toThrow('stop now');
    const late = new AbortController();
    const aborting: EngineAdapter = {
      name: 'aborting',
      run: (sql) => {
        late.abort(new Error('late stop'));
        return engine.run(sql);
      },
      query: (sql) => engine.query(sql),
      interrupt: () => engine.interrupt(),
      connect: () => engine.connect(),
      close: async () => undefined,
    };
    const run = ingestXml(options(file, { chunkBytes: 64 * 1024, engine: aborting, signal: late.signal }));
    await expect(run).rejects.toThrow('late stop');
    expect(readdirSync(dir).filter((f) => f.startsWith('lakec-ingest-'))).toEqual([]);
  });
});

describe('ingestXml source errors', () => {
  it('missing file -> LK6105', async () => {
    const d = await asyncDiagnosticOf(ingestXml(options(join(dir, 'nope.xml.gz'))));
    expect(d.code).toBe('LK6105');
    expect(d.message).toContain('src/rs.xml');
  });

  it('corrupt and truncated gzip -> LK6102', async () => {
    const gz = gzipSync(Buffer.from(`<rs>${'<r id="1"><s>abc</s></r>'.repeat(5000)}</rs>`));
    const truncated = writeInput(gz.subarray(0, gz.length - 200));
    expect((await asyncDiagnosticOf(ingestXml(options(truncated)))).code).toBe('LK6102');
    const corrupt = Buffer.from(gz);
    for (let i = 200; i < 400; i++) corrupt[i] = (corrupt[i]! * 7 + 13) & 0xff;
    expect((await asyncDiagnosticOf(ingestXml(options(writeInput(corrupt))))).code).toBe('LK6102');
  });

  it('invalid UTF-8 -> LK6106 at its position, also when the bad sequence spans a chunk boundary', async () => {
    const bytes = Buffer.concat([Buffer.from('<rs>\n<r id="1"><s>ok \u00e9</s></r>\n<r id="2"><s>b'), Buffer.from([0xc3, 0x28]), Buffer.from('</s></r></rs>')]);
    const d = await asyncDiagnosticOf(ingestXml(options(writeInput(bytes))));
    expect(where(d)).toBe('LK6106@3:15');
    const big = Buffer.concat([Buffer.from(`<rs>${'<r id="1"><s>\u00e9</s></r>'.repeat(100000)}`), Buffer.from([0xe2, 0x82]), Buffer.from('</rs>')]);
    expect((await asyncDiagnosticOf(ingestXml(options(writeInput(big, true))))).code).toBe('LK6106');
  });

  it('wrong dump -> LK6103 before any output is written', async () => {
    const opts = options(writeInput('<artists><artist><id>1</id></artist></artists>', true));
    const d = await asyncDiagnosticOf(ingestXml(opts));
    expect(where(d)).toBe('LK6103@1:1');
    expect(() => readdirSync(opts.outDir)).toThrow();
  });

  it('malformed XML and refused DTDs keep their codes through the file path', async () => {
    expect(where(await asyncDiagnosticOf(ingestXml(options(writeInput('<rs><r id="1"></rs>')))))).toBe('LK6101@1:15');
    expect((await asyncDiagnosticOf(ingestXml(options(writeInput('<!DOCTYPE rs [<!ENTITY a "b">]><rs/>')))))).toMatchObject({ code: 'LK6107' });
  });
});
