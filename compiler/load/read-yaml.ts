// load/: reads a YAML file into a document that keeps source positions (eemeli/yaml).
import { LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import { makeSourceFile, spanAt, type SourceFile } from '../diagnostics/source-file.js';

/** A parsed YAML document and the file it came from. */
export interface YamlFile {
  readonly source: SourceFile;
  readonly doc: Document.Parsed;
}

/**
 * Parses YAML text with positions. YAML syntax errors and warnings become LK1001 diagnostics at the
 * parser's position. Duplicate keys are errors (YAML 1.2 `uniqueKeys`). So are what the yaml package
 * only throws on (as LK1001 too): an alias before its anchor or without one, aliases expanding past its
 * `maxAliasCount` (a "billion laughs" document) when converted to JS, and nesting deep enough to
 * overflow the parser's stack.
 * @see https://eemeli.org/yaml/#errors
 */
export function readYaml(path: string, text: string): { value: YamlFile | undefined; diagnostics: Diagnostic[] } {
  const source = makeSourceFile(path, text);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { value: undefined, diagnostics: [tooDeep(source)] };
  }
  const diagnostics: Diagnostic[] = doc.errors.map((e) => ({
    code: 'LK1001',
    severity: 'error',
    message: e.message.split('\n')[0]?.replace(/\.$/, '') ?? 'YAML syntax error',
    span: spanAt(source, e.pos[0], e.pos[1]),
    hint: 'check indentation, quoting and colons around this position',
  }));
  if (!diagnostics.length) {
    const alias = aliasProblem(doc, source);
    if (alias) diagnostics.push(alias);
  }
  return { value: diagnostics.length ? undefined : { source, doc }, diagnostics };
}

/**
 * The LK1001 diagnostic for what `doc.toJS()` throws (the loaders call it), or undefined when it does
 * not: the yaml package resolves aliases only then, throwing ReferenceError for an unresolved alias or
 * an excessive alias count, and RangeError when nesting overflows the stack.
 */
function aliasProblem(doc: Document.Parsed, source: SourceFile): Diagnostic | undefined {
  try {
    doc.toJS();
    return undefined;
  } catch (e) {
    if (e instanceof RangeError) return tooDeep(source);
    if (!(e instanceof ReferenceError)) throw e;
    // "Unresolved alias (…): NAME" names the alias; for "Excessive alias count …" the first alias is shown.
    const name = /^Unresolved alias.*: (.*)$/.exec(e.message)?.[1];
    let at: Node | undefined;
    visit(doc, {
      Alias(_key, node) {
        if (name !== undefined && node.source !== name) return undefined;
        at = node;
        return visit.BREAK;
      },
    });
    return { code: 'LK1001', severity: 'error', message: e.message.replace(/^\w/, (c) => c.toLowerCase()), span: nodeSpan(source, at), hint: 'define each anchor (&name) before its aliases (*name), and keep aliases few and shallow' };
  }
}

/** LK1001 for a document whose nesting overflowed the yaml package's stack (it has no position for it). */
function tooDeep(source: SourceFile): Diagnostic {
  return { code: 'LK1001', severity: 'error', message: 'YAML nested too deeply to read', span: spanAt(source, 0, 0), hint: 'flatten the document; specs need only a few levels of nesting' };
}

/**
 * The node at `path` (object keys and array indexes from the document root), or the deepest node on
 * the way there when the path does not exist. With `key: true` and a final object key, returns the key node.
 */
export function nodeAt(doc: Document.Parsed, path: readonly (string | number)[], key = false): Node | undefined {
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) return node as Node;
      if (key && i === path.length - 1) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step];
      if (!item) return node as Node;
      node = item;
    } else {
      return node as Node | undefined;
    }
  }
  return node as Node | undefined;
}

/** The span of `node` in `source`, or of the document start when the node has no range. */
export function nodeSpan(source: SourceFile, node: Node | undefined): Span {
  const range = node?.range;
  return range ? spanAt(source, range[0], range[1]) : spanAt(source, 0, 0);
}
