// Mapping semantics (compiler/types/xml-mapping.ts) on small hand-written XML, through mapXmlChunks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { XmlChildMapping, XmlColumnMapping, XmlMapping, SourceColumnType } from '../../compiler/types/xml-mapping.js';
import { checkXmlMapping } from '../../runtime/ingest/xml/check-mapping.js';
import { mapXmlChunks } from '../../runtime/ingest/xml/map-xml-text.js';
import { outputSchemas } from '../../runtime/ingest/xml/output-schemas.js';
import { byteChunks, diagnosticOf, parseCsv, where } from './ingest-test-helpers.js';

const col = (name: string, path: string, type: SourceColumnType = 'VARCHAR'): XmlColumnMapping => ({ name, path, type });
const child = (table: string, path: string, columns: XmlColumnMapping[], children: XmlChildMapping[] = [], seq = 'seq'): XmlChildMapping =>
  ({ table, path, seq, columns, children });

const MAPPING: XmlMapping = {
  root: 'items',
  record: 'item',
  table: 'items',
  key: 'item_id',
  columns: [
    col('item_id', '@id', 'BIGINT'),
    col('name', 'name'),
    col('first_tag', 'tags/tag'),
    col('own_text', '.'),
    col('kind', 'meta/@kind'),
    col('released', 'released', 'PARTIAL_DATE'),
    col('price', 'price', 'DOUBLE'),
    col('qty', 'qty', 'INTEGER'),
    col('flag', 'flag', 'BOOLEAN'),
  ],
  children: [
    child('item_tags', 'tags/tag', [col('tag', '.'), col('lang', '@lang')]),
    child('item_parts', 'parts/part', [col('title', 'title')], [child('item_part_notes', 'notes/note', [col('note', '.')], [], 'note_seq')], 'part_seq'),
  ],
};

function rows(xml: string, mapping: XmlMapping = MAPPING): (string | null)[][][] {
  return mapXmlChunks(mapping, [xml]).csv.map(parseCsv);
}

describe('outputSchemas', () => {
  it('types every table: record first, then children depth-first; key, ancestor seqs and own seq lead child tables', () => {
    expect(outputSchemas(MAPPING)).toEqual([
      {
        table: 'items',
        columns: [
          { name: 'item_id', type: 'BIGINT' }, { name: 'name', type: 'VARCHAR' }, { name: 'first_tag', type: 'VARCHAR' },
          { name: 'own_text', type: 'VARCHAR' }, { name: 'kind', type: 'VARCHAR' }, { name: 'released', type: 'VARCHAR' },
          { name: 'released_year', type: 'INTEGER' }, { name: 'released_month', type: 'INTEGER' }, { name: 'released_day', type: 'INTEGER' },
          { name: 'price', type: 'DOUBLE' }, { name: 'qty', type: 'INTEGER' }, { name: 'flag', type: 'BOOLEAN' },
        ],
      },
      { table: 'item_tags', columns: [{ name: 'item_id', type: 'BIGINT' }, { name: 'seq', type: 'INTEGER' }, { name: 'tag', type: 'VARCHAR' }, { name: 'lang', type: 'VARCHAR' }] },
      { table: 'item_parts', columns: [{ name: 'item_id', type: 'BIGINT' }, { name: 'part_seq', type: 'INTEGER' }, { name: 'title', type: 'VARCHAR' }] },
      {
        table: 'item_part_notes',
        columns: [{ name: 'item_id', type: 'BIGINT' }, { name: 'part_seq', type: 'INTEGER' }, { name: 'note_seq', type: 'INTEGER' }, { name: 'note', type: 'VARCHAR' }],
      },
    ]);
  });

  it('checkXmlMapping reports a missing key, duplicate names and bad paths as LK1007', () => {
    expect(checkXmlMapping(MAPPING)).toEqual([]);
    const bad: XmlMapping = {
      ...MAPPING,
      key: 'nope',
      columns: [...MAPPING.columns, col('released_year', 'x'), col('bad', 'a//b')],
      children: [child('items', 'x', [col('item_id', 'y')])],
    };
    const messages = checkXmlMapping(bad).map((d) => `${d.code} ${d.message}`);
    expect(messages).toEqual([
      'LK1007 invalid XML mapping for "items": key "nope" is not a column of table "items"',
      'LK1007 invalid XML mapping for "items": table "items": column "released_year" is defined twice',
      'LK1007 invalid XML mapping for "items": table "items": column "bad" has invalid path "a//b"',
      'LK1007 invalid XML mapping for "items": table "items" is defined twice',
    ]);
  });
});

describe('mapping semantics', () => {
  const XML = `<?xml version="1.0"?>
<items>
  <ignored><item id="99"><name>not a record: not a child of the root</name></item></ignored>
  <item id="1">head <name>First &amp; best</name><name>second name ignored</name>
    <tags><tag lang="en">a</tag><tag>b<b>inner text is not direct text</b>c\u00e9\u4e2d\ud83c\udfb5</tag></tags>
    <meta kind=""/><meta kind="later"/>
    <released>1999-03-00</released><price> 12.5 </price><qty>7</qty><flag>true</flag>
    <parts>
      <part><title>P1</title><notes><note>n1</note><note>n2</note></notes></part>
      <part><notes><note>m1</note></notes></part>
    </parts>tail</item>
  <item id="2"><name></name><released>1999</released><flag>0</flag><tags/></item>
  <item id="3"><released>garbage</released><price>-1e3</price><parts><part/></parts></item>
</items>`;

  it('maps records, first matches, direct text, empty as NULL, PARTIAL_DATE parts and child tables with seqs', () => {
    const [items, tags, parts, notes] = rows(XML);
    expect(items).toEqual([
      ['1', 'First & best', 'a', 'head \n    \n    \n    \n    tail', null, '1999-03-00', '1999', '3', null, '12.5', '7', 'true'],
      ['2', null, null, null, null, '1999', '1999', null, null, null, null, 'false'],
      ['3', null, null, null, null, 'garbage', null, null, null, '-1e3', null, null],
    ]);
    expect(tags).toEqual([
      ['1', '1', 'a', 'en'],
      ['1', '2', 'bc\u00e9\u4e2d\ud83c\udfb5', null],
    ]);
    expect(parts).toEqual([
      ['1', '1', 'P1'],
      ['1', '2', null],
      ['3', '1', null],
    ]);
    expect(notes).toEqual([
      ['1', '1', '1', 'n1'],
      ['1', '1', '2', 'n2'],
      ['1', '2', '1', 'm1'],
    ]);
    expect(mapXmlChunks(MAPPING, [XML]).records).toBe(3);
  });

  it('gives byte-identical CSV under any chunking', () => {
    const whole = mapXmlChunks(MAPPING, [XML]).csv;
    expect(mapXmlChunks(MAPPING, byteChunks(XML, 'each-byte')).csv).toEqual(whole);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: Buffer.byteLength(XML) }), { maxLength: 30 }), (cuts) => {
        expect(mapXmlChunks(MAPPING, byteChunks(XML, cuts)).csv).toEqual(whole);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('gives child rows the key even when the key element comes after them', () => {
    const m: XmlMapping = { root: 'r', record: 'x', table: 'xs', key: 'k', columns: [col('k', 'k', 'BIGINT')], children: [child('ys', 'y', [col('v', '.')])] };
    const [xs, ys] = rows('<r><x><y>a</y><y>b</y><k>5</k><y>c</y></x><x><y>d</y></x></r>', m);
    expect(xs).toEqual([['5'], [null]]);
    expect(ys).toEqual([['5', '1', 'a'], ['5', '2', 'b'], ['5', '3', 'c'], [null, '1', 'd']]);
  });

  it('quotes values with commas, quotes and line breaks, and keeps empty strings apart from NULL', () => {
    const m: XmlMapping = { root: 'r', record: 'x', table: 'xs', key: 'k', columns: [col('k', '@k'), col('v', 'v')], children: [] };
    const out = mapXmlChunks(m, ['<r><x k="a,b"><v>say "hi"&#13;\nbye</v></x><x k=" "><v>&#x20;</v></x></r>']).csv[0];
    expect(out).toBe('"a,b","say ""hi""\r\nbye"\n , \n');
  });

  it('rejects values that do not convert with LK6104 at the value', () => {
    const d = diagnosticOf(() => mapXmlChunks(MAPPING, ['<items>\n<item id="1"><qty>\n  seven</qty></item></items>']));
    expect(where(d)).toBe('LK6104@2:19');
    expect(d.message).toBe('value "\n  seven" of column "qty" (path "qty") does not convert to INTEGER');
    expect(where(diagnosticOf(() => mapXmlChunks(MAPPING, ['<items><item id="x1"/></items>'])))).toBe('LK6104@1:18');
    expect(where(diagnosticOf(() => mapXmlChunks(MAPPING, ['<items><item id="9223372036854775808"/></items>'])))).toBe('LK6104@1:18');
    expect(where(diagnosticOf(() => mapXmlChunks(MAPPING, ['<items><item><qty>2147483648</qty></item></items>'])))).toBe('LK6104@1:19');
    expect(where(diagnosticOf(() => mapXmlChunks(MAPPING, ['<items><item><flag>yes</flag></item></items>'])))).toBe('LK6104@1:20');
    expect(rows('<items><item id="-9223372036854775808"><qty>-2147483648</qty></item></items>')[0]![0]!.slice(0, 1)).toEqual(['-9223372036854775808']);
  });

  it('refuses control characters XML does not allow in mapped values (LK6101 at the value)', () => {
    expect(where(diagnosticOf(() => mapXmlChunks(MAPPING, ['<items><item><name>ok\u0000</name></item></items>'])))).toBe('LK6101@1:20');
    expect(where(diagnosticOf(() => mapXmlChunks(MAPPING, ['<items><item><tags><tag lang="\u001b[0m"/></tags></item></items>'])))).toBe('LK6101@1:31');
    expect(where(diagnosticOf(() => mapXmlChunks(MAPPING, ['<items><item><name><![CDATA[\u0008]]></name></item></items>'])))).toBe('LK6101@1:29');
    expect(where(diagnosticOf(() => mapXmlChunks(MAPPING, ['<items><item><released>\u0007</released></item></items>'])))).toBe('LK6101@1:24');
    expect(mapXmlChunks(MAPPING, ['<items><item><ignored>\u0000</ignored></item></items>']).records).toBe(1);
  });

  it('detects a wrong dump at the document element (LK6103)', () => {
    const d = diagnosticOf(() => mapXmlChunks(MAPPING, ['<?xml version="1.0"?>\n<artists><artist/></artists>']));
    expect(where(d)).toBe('LK6103@2:1');
    expect(d.message).toContain('<artists>');
  });

  it('bounds the child rows a record may buffer before its key', () => {
    const m: XmlMapping = { root: 'r', record: 'x', table: 'xs', key: 'k', columns: [col('k', 'k')], children: [child('ys', 'y', [col('v', '.')])] };
    const xml = `<r><x>${'<y>0123456789</y>'.repeat(100)}<k>1</k></x></r>`;
    expect(diagnosticOf(() => mapXmlChunks(m, [xml], { limits: { maxPendingRecordChars: 500 } })).code).toBe('LK6108');
    expect(mapXmlChunks(m, [xml]).records).toBe(1);
  });
});
