// fuzz/: the streaming XML ingest path (runtime/ingest/xml): UTF-8 decoding, the tokenizer, the record
// mapper and CSV encoding, with the real Discogs mappings. A document is a slice of 1-3 real records of
// a sample dump (read at run time) or a random element tree over the mapping's names, behind a random
// prolog, then byte-mutated and cut into random chunks. It goes to the tokenizer alone (every event
// decoded), to mapXmlChunks (tokenizer + mapper + CSV), or now and then through ingestXml itself (plain or
// gzip, possibly corrupt, into Parquet with DuckDB), sometimes under tiny limits.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { loadMapping } from '../../compiler/load/load-mapping.js';
import type { XmlMapping } from '../../compiler/types/xml-mapping.js';
import { openDuckDb } from '../../runtime/engine/duckdb-adapter.js';
import type { EngineAdapter } from '../../runtime/engine/engine-adapter.js';
import { ingestXml, mapXmlChunks, type XmlLimits } from '../../runtime/ingest/xml/index.js';
import { byteChunks, tokenizeEvents } from '../ingest/ingest-test-helpers.js';
import { REPO } from '../support/paths.js';
import { DISCOGS_ENTITIES, readDumpRecords, type DumpRecords } from './discogs-records.js';
import type { FuzzSession, FuzzTarget } from './fuzz-runner.js';
import { applyByteMutations, byteMutations, describeMutations, type ByteMutation } from './mutate-bytes.js';

/** An element of a random document, or a piece of raw text (written as is: it may hold markup and references). */
export type XmlTree = { readonly el: string; readonly attrs: readonly (readonly [string, string])[]; readonly kids: readonly XmlTree[] } | { readonly text: string };

/** How a case's document is made: a slice of real records, or a random tree of records. */
export type XmlDoc = { readonly how: 'slice'; readonly start: number; readonly count: number } | { readonly how: 'random'; readonly records: readonly XmlTree[] };

/** One case. `entity` picks the dump and its mapping; `cuts` are chunk boundaries (byte offsets modulo the length). */
export interface XmlCase {
  readonly entity: number;
  readonly prolog: string;
  readonly doc: XmlDoc;
  readonly mutations: readonly ByteMutation[];
  readonly cuts: readonly number[];
  readonly limits: Partial<XmlLimits> | undefined;
  readonly mode: 'tokenize' | 'map' | 'ingest';
  /** ingest mode: gzip the document, then apply `gzipMutations` to the compressed bytes. */
  readonly gzip: boolean;
  readonly gzipMutations: readonly ByteMutation[];
}

/** Markup, references, DTD pieces, odd characters and Discogs-like tags inserted into XML bytes. */
export const XML_TOKENS = ['<', '>', '</', '/>', '<a>', '</a>', '<a/>', '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '<?xml version="1.0"?>', '<!DOCTYPE x>',
  '<!DOCTYPE x [<!ENTITY e "v">]>', '<!ENTITY e SYSTEM "file:///etc/passwd">', '&', '&amp;', '&lt;', '&e;', '&#', '&#x', '&#0;', '&#xD800;', '&#x110000;', '&#65;',
  '&#99999999999999;', ';', '"', "'", '=', ' id="1"', ' id="x"', ' id=', ' a="1" a="2"', ' xmlns:x="u"', '\u0000', '\u0001', '\ufeff', '\ufffe', '\r', '\r\n', '\t', ' ',
  'é', '\u2028', '💥', '<id>', '</id>', '<id>-1</id>', '<id>99999999999999999999</id>', '<name>', '</name>', '<year>0000</year>', '<released>1999-13-00</released>'];

const PROLOGS = ['', '', '', '', '', '', '<?xml version="1.0" encoding="UTF-8"?>\n', '\ufeff', '\ufeff<?xml version="1.0"?>', '<?xml version="1.1"?>\n', '<!-- dump -->\n', ' \n',
  '<?xml version="1.0" encoding="ISO-8859-1"?>', '<!DOCTYPE r>\n', '<!DOCTYPE r [<!ENTITY x "y">]>\n', '<?xml-stylesheet href="x"?>', 'text before root'];

const ODD_NAMES = ['a', 'x:y', '_', 'é', 'x-y.z', '1bad', 'xml', 'XMLish', 'a'.repeat(300)];
const TEXTS = ['', 'Electronic', '12', '-5', '0', '99999999999999999999', '1.5e3', 'NaN', 'true', 'no', '1999', '1999-00-00', '2020-02-30', '  7  ', 'Caf\u00e9', '💿',
  '&amp;', '&lt;x&gt;', '&#65;&#x42;', '&#x1F3B5;', '\r\n', ',', '\n', '"', "'", '<![CDATA[<raw> & ]]>', '<!-- c -->', '<?pi x?>', 'x'.repeat(5000)];
/** Text that is malformed or refused somewhere (references, controls, markup). */
const HOSTILE_TEXTS = ['&#0;', '&#xD800;', '&#x110000;', '&#99999999999;', '&bogus;', '&', '&#;', '&#x;', '\u0001', '\u007f', ']]>', '<', '&#x1;'];

/** Element and attribute names a mapping refers to (root, record, every path step). */
export function mappingNames(m: XmlMapping): { elements: string[]; attributes: string[] } {
  const elements = new Set([m.root, m.record]);
  const attributes = new Set<string>();
  const addPath = (path: string): void => {
    for (const step of path.split('/')) {
      if (step.startsWith('@')) attributes.add(step.slice(1));
      else if (step !== '.' && step !== '') elements.add(step);
    }
  };
  const walk = (columns: XmlMapping['columns'], children: XmlMapping['children']): void => {
    for (const c of columns) addPath(c.path);
    for (const child of children) {
      addPath(child.path);
      walk(child.columns, child.children);
    }
  };
  walk(m.columns, m.children);
  return { elements: [...elements].sort(), attributes: [...attributes].sort() };
}

/** Random records over `names` (mostly the record element, children from the mapping's names). */
function recordsArbitrary(record: string, names: { elements: string[]; attributes: string[] }): fc.Arbitrary<XmlTree[]> {
  const element = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...names.elements) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_NAMES) });
  const value = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...TEXTS.filter((t) => !t.includes('<') && !t.includes('"'))) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXTS) });
  const attr = fc.tuple(fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...names.attributes, 'id') }, { weight: 1, arbitrary: fc.constantFrom(...ODD_NAMES) }), value);
  const text: fc.Arbitrary<XmlTree> = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...TEXTS) },
    { weight: 10, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/[<&]/g, '')) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_TEXTS) },
  ).map((t) => ({ text: t }));
  const tree = fc.letrec<{ node: XmlTree }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', maxDepth: 5 },
      { weight: 2, arbitrary: text },
      { weight: 3, arbitrary: fc.record({ el: element, attrs: fc.uniqueArray(attr, { maxLength: 3, selector: ([name]) => name }), kids: fc.array(tie('node'), { maxLength: 4 }) }) }),
  })).node;
  const rec = fc.record({ el: fc.oneof({ weight: 9, arbitrary: fc.constant(record) }, { weight: 1, arbitrary: element }), attrs: fc.uniqueArray(attr, { maxLength: 3, selector: ([name]) => name }), kids: fc.array(tree, { maxLength: 6 }) });
  return fc.array(fc.oneof({ weight: 6, arbitrary: rec }, { weight: 1, arbitrary: text }), { minLength: 0, maxLength: 3 });
}

/** XML text of `node`. */
export function renderTree(node: XmlTree): string {
  if ('text' in node) return node.text;
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${v}"`).join('');
  return node.kids.length ? `<${node.el}${attrs}>${node.kids.map(renderTree).join('')}</${node.el}>` : `<${node.el}${attrs}/>`;
}

/** The document of `c` before mutation. */
function documentText(c: XmlCase, dump: DumpRecords): string {
  const doc = c.doc;
  const body = doc.how === 'slice'
    ? Array.from({ length: doc.count }, (_, k) => dump.records[(doc.start + k) % dump.records.length]!).join('\n')
    : doc.records.map(renderTree).join('\n');
  return `${c.prolog}<${dump.root}>\n${body}\n</${dump.root}>\n`;
}

/** The XML fuzzer. */
export const xmlFuzzer: FuzzTarget<XmlCase> = {
  name: 'xml',
  async open(): Promise<FuzzSession<XmlCase>> {
    const mappings = DISCOGS_ENTITIES.map((entity) => {
      const rel = `specs/discogs/mappings/${entity}.yaml`;
      const loaded = loadMapping(join(REPO, rel), rel);
      if (!loaded.value) throw new Error(`${rel} does not load`);
      return loaded.value;
    });
    const dumps = DISCOGS_ENTITIES.map((entity, i) => readDumpRecords(entity, mappings[i]!.root, mappings[i]!.record));
    const randomDocs = mappings.map((m) => recordsArbitrary(m.record, mappingNames(m)));
    const tokens = [...XML_TOKENS, ...mappings.flatMap((m) => mappingNames(m).elements.flatMap((e) => [`<${e}>`, `</${e}>`]))];
    const work = mkdtempSync(join(tmpdir(), 'lakec-fuzz-xml-'));
    let engine: EngineAdapter | undefined;
    const limits = fc.oneof(
      { weight: 8, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.record({ maxDepth: fc.integer({ min: 1, max: 8 }) }) },
      { weight: 1, arbitrary: fc.record({ maxTokenChars: fc.integer({ min: 1, max: 256 }) }) },
      { weight: 1, arbitrary: fc.record({ maxPendingRecordChars: fc.integer({ min: 1, max: 2048 }) }) },
    );
    const arbitrary: fc.Arbitrary<XmlCase> = fc.nat(mappings.length - 1).chain((entity) => fc.record({
      entity: fc.constant(entity),
      prolog: fc.constantFrom(...PROLOGS),
      doc: fc.oneof(
        { weight: 3, arbitrary: fc.record({ how: fc.constant('slice' as const), start: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }) },
        { weight: 2, arbitrary: randomDocs[entity]!.map((records) => ({ how: 'random' as const, records })) },
      ),
      mutations: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: byteMutations(tokens, 0) }),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
      limits,
      mode: fc.oneof({ weight: 12, arbitrary: fc.constant('map' as const) }, { weight: 6, arbitrary: fc.constant('tokenize' as const) }, { weight: 1, arbitrary: fc.constant('ingest' as const) }),
      gzip: fc.boolean(),
      gzipMutations: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: byteMutations(['\u0000', '\u001f\u008b'], 0, 2) }),
    }));
    const docBytes = (c: XmlCase): Uint8Array => applyByteMutations(Buffer.from(documentText(c, dumps[c.entity]!), 'utf8'), c.mutations);
    let counter = 0;
    return {
      arbitrary,
      async run(c) {
        const bytes = docBytes(c);
        const cuts = c.cuts.map((k) => k % (bytes.length + 1));
        if (c.mode === 'tokenize') {
          tokenizeEvents(bytes, cuts, c.limits);
          return { kind: 'result' };
        }
        if (c.mode === 'map') {
          mapXmlChunks(mappings[c.entity]!, byteChunks(bytes, cuts), { displayPath: 'fuzz.xml', ...(c.limits ? { limits: c.limits } : {}) });
          return { kind: 'result' };
        }
        const file = join(work, `case-${counter++}.xml${c.gzip ? '.gz' : ''}`);
        const outDir = join(work, `out-${counter}`);
        writeFileSync(file, c.gzip ? applyByteMutations(gzipSync(bytes), c.gzipMutations) : bytes);
        engine ??= await openDuckDb({ threads: 1 });
        try {
          await ingestXml({ mapping: mappings[c.entity]!, file, displayPath: 'fuzz.xml', outDir, engine, tmpDir: work, chunkBytes: 1024, ...(c.limits ? { limits: c.limits } : {}) });
          return { kind: 'result' };
        } finally {
          rmSync(file, { force: true });
          rmSync(outDir, { recursive: true, force: true });
        }
      },
      describe(c) {
        const doc = c.doc.how === 'slice' ? `records ${c.doc.start % dumps[c.entity]!.records.length}+${c.doc.count} of the ${DISCOGS_ENTITIES[c.entity]} sample` : `${c.doc.records.length} random records`;
        const gz = c.mode === 'ingest' && c.gzip ? `, gzip${c.gzipMutations.length ? ` then ${describeMutations(c.gzipMutations)}` : ''}` : '';
        return `${c.mode} ${doc}, prolog ${JSON.stringify(c.prolog)}, mutations [${describeMutations(c.mutations)}], cuts [${c.cuts.join(',')}], limits ${JSON.stringify(c.limits ?? {})}${gz}:\n${Buffer.from(docBytes(c)).toString('utf8')}`;
      },
      async close() {
        await engine?.close();
        rmSync(work, { recursive: true, force: true });
      },
    };
  },
};
