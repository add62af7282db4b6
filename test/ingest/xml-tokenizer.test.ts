// The streaming XML tokenizer: what it reports, how chunking cannot change it, and what it refuses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnosticOf, tokenizeEvents, where } from './ingest-test-helpers.js';

const DOC = [
  '<?xml version="1.0" encoding="UTF-8"?>\n',
  '<!-- a comment -->\n',
  '<?pi some data?>\n',
  '<releases>\n',
  '  <release id="7" status=\'Accepted\' note="a &amp; b &lt;c&gt; &quot;q&quot; &apos;s&apos;">',
  '<title>Caf\u00e9 &#233;&#xE9; \u2153 \ud83c\udfb5 &#x1F3B5; x&gt;y</title>',
  '<notes><![CDATA[raw <b>&amp;</b> ]]]]><![CDATA[> end]]> tail</notes>',
  '<empty/><empty2></empty2>',
  '<multi>one<!-- c -->two<?p x?>three</multi>',
  '<crlf>a\r\nb\rc&#13;d</crlf>',
  '<attrws v="a\tb\nc\r\nd&#10;e"/>',
  '</release>\n',
  '</releases>\n',
  '<!-- trailing comment -->\n',
].join('');

const EXPECTED = [
  '<releases>',
  'T:\n  ',
  `<release id="7" status="Accepted" note=${JSON.stringify('a & b <c> "q" \'s\'')}>`,
  '<title>',
  'T:Caf\u00e9 \u00e9\u00e9 \u2153 \ud83c\udfb5 \ud83c\udfb5 x>y',
  '</title>',
  '<notes>',
  'T:raw <b>&amp;</b> ]]> end tail',
  '</notes>',
  '<empty>',
  '</empty>',
  '<empty2>',
  '</empty2>',
  '<multi>',
  'T:onetwothree',
  '</multi>',
  '<crlf>',
  'T:a\nb\nc\rd',
  '</crlf>',
  `<attrws v=${JSON.stringify('a b c d\ne')}>`,
  '</attrws>',
  '</release>',
  'T:\n',
  '</releases>',
];

describe('XmlTokenizer', () => {
  it('reports elements, attributes (both quotes), text, CDATA, and decodes references', () => {
    expect(tokenizeEvents(DOC)).toEqual(EXPECTED);
  });

  it('gives identical events when fed one byte at a time (tags, references, multibyte characters split)', () => {
    expect(tokenizeEvents(DOC, 'each-byte')).toEqual(EXPECTED);
  });

  it('gives identical events under any chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: Buffer.byteLength(DOC) }), { maxLength: 40 }), (cuts) => {
        expect(tokenizeEvents(DOC, cuts)).toEqual(EXPECTED);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('accepts a BOM-less document without declaration and a DOCTYPE without internal subset', () => {
    expect(tokenizeEvents(['<!DOCTYPE a SYSTEM "http://example.invalid/a.dtd">', '<a x = "1" />'])).toEqual(['<a x="1">', '</a>']);
    expect(tokenizeEvents('\ufeff<a/>', 'each-byte')).toEqual(['<a>', '</a>']);
  });

  it('keeps memory bounded for a huge ignored text node split over many chunks', () => {
    const chunks = ['<a>', ...Array.from({ length: 200 }, () => 'x'.repeat(10_000)), '</a>'];
    expect(tokenizeEvents(chunks).length).toBe(3);
  });
});

describe('XmlTokenizer refuses malformed or hostile input with a located diagnostic', () => {
  const cases: [string, string, string][] = [
    ['mismatched end tag', '<a><b></a>', 'LK6101@1:7'],
    ['unclosed element at EOF', '<a>\n<b>', 'LK6101@2:4'],
    ['end tag without start', '</a>', 'LK6101@1:1'],
    ['text after the root', '<a></a>text', 'LK6101@1:8'],
    ['element after the root', '<a></a>\n<b/>', 'LK6101@2:1'],
    ['text before the root', 'junk<a/>', 'LK6101@1:1'],
    ['no root', '  \n ', 'LK6101@2:2'],
    ['duplicate attribute', '<a x="1" x="2"/>', 'LK6101@1:10'],
    ['unquoted attribute', '<a x=1/>', 'LK6101@1:6'],
    ['"<" in attribute', '<a x="<"/>', 'LK6101@1:7'],
    ['bad element name', '<a><1b/></a>', 'LK6101@1:4'],
    ['junk after "<!"', '<a><!junk></a>', 'LK6101@1:4'],
    ['"--" in comment', '<a><!-- x -- y --></a>', 'LK6101@1:11'],
    ['CDATA outside root', '<![CDATA[x]]><a/>', 'LK6101@1:1'],
    ['late XML declaration', '<a/><?xml version="1.0"?>', 'LK6101@1:5'],
    ['bare ampersand', '<a>\n  fish & chips</a>', 'LK6101@2:8'],
    ['reference to U+0000', '<a>&#0;</a>', 'LK6101@1:4'],
    ['reference to a surrogate', '<a>&#xD800;</a>', 'LK6101@1:4'],
    ['reference beyond U+10FFFF', '<a>&#x110000;</a>', 'LK6101@1:4'],
    ['malformed decimal reference', '<a>&#12a;</a>', 'LK6101@1:4'],
    ['undefined entity in text', '<a>x &nbsp; y</a>', 'LK6107@1:6'],
    ['undefined entity in attribute', '<a v="&ext;"/>', 'LK6107@1:7'],
    ['internal DTD subset with entities', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'LK6107@1:13'],
    ['non-UTF-8 encoding', '<?xml version="1.0" encoding="ISO-8859-1"?><a/>', 'LK6106@1:1'],
    ['cut inside a tag', '<a><b x="1"', 'LK6101@1:4'],
    ['positions after CRLF lines', '<a>\r\n\r\n  <b></c>', 'LK6101@3:6'],
    ['columns count UTF-16 units', '<a>\u00e9 \ud83c\udfb5<b></a>', 'LK6101@1:11'],
    ['non-ASCII element names', '<r\u00e9><\u4e2d></r\u00e9>', 'LK6101@1:8'],
    ['reference after a tag cut by a chunk end', '<a b="x" c="y">yy&bad;</a>', 'LK6107@1:18'],
  ];
  it.each(cases)('%s', (_name, xml, expected) => {
    expect(where(diagnosticOf(() => tokenizeEvents(xml)))).toBe(expected);
    expect(where(diagnosticOf(() => tokenizeEvents(xml, 'each-byte')))).toBe(expected);
    const doc = `<?xml version="1.0"?>\n${xml}`.slice(xml.startsWith('<?xml') ? 22 : 0);
    const shifted = xml.startsWith('<?xml') ? expected : expected.replace(/@(\d+):/, (_m, l: string) => `@${Number(l) + 1}:`);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: Buffer.byteLength(doc) }), { maxLength: 8 }), (cuts) => {
        expect(where(diagnosticOf(() => tokenizeEvents(doc, cuts)))).toBe(shifted);
      }),
      { numRuns: 40, seed: 3 },
    );
  });

  it('refuses the billion laughs DTD before expanding anything', () => {
    const bomb = [
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n',
      ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">\n`),
      ']>\n<lolz>&lol9;</lolz>\n',
    ].join('');
    const d = diagnosticOf(() => tokenizeEvents(bomb));
    expect(where(d)).toBe('LK6107@2:16');
    expect(d.message).toContain('entity declarations');
  });

  it('enforces the nesting limit', () => {
    const deep = '<a>'.repeat(1001) + '</a>'.repeat(1001);
    expect(where(diagnosticOf(() => tokenizeEvents(deep)))).toBe('LK6108@1:3001');
    expect(tokenizeEvents(deep, [], { maxDepth: 1001 }).length).toBe(2002);
  });

  it('enforces the token length limit for text, attributes and unterminated markup', () => {
    const limits = { maxTokenChars: 100 };
    expect(where(diagnosticOf(() => tokenizeEvents(`<a>${'x'.repeat(101)}</a>`, [], limits)))).toBe('LK6108@1:4');
    expect(where(diagnosticOf(() => tokenizeEvents(`<a v="${'x'.repeat(101)}"/>`, [], limits)))).toBe('LK6108@1:7');
    expect(diagnosticOf(() => tokenizeEvents(['<a><!--', ...Array.from({ length: 50 }, () => 'xxxx')], [], limits)).code).toBe('LK6108');
    expect(tokenizeEvents(`<a>${'x'.repeat(100)}</a>`, [], limits)).toHaveLength(3);
  });
});
