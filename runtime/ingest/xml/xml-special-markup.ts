// ingest/xml: scanners for the markup that carries no data: comments, DOCTYPE, processing instructions
// and the XML declaration. Each takes the buffer and the index of its `<`, returns the index after the
// construct, or -1 when the buffer ends first; problems are thrown as XmlProblem (located by the caller).
import { isNameCode, isNameStartCode, isXmlSpace } from './xml-chars.js';
import { XmlProblem } from './xml-error.js';

const GT = 0x3e;

function tooLong(i: number, what: string, max: number): XmlProblem {
  return new XmlProblem(i, 'LK6108', `${what} longer than the limit of ${max} characters`, 'raise limits.maxTokenChars if this document is trusted');
}

/** `<!-- … -->`; `--` inside is refused (XML 1.0 §2.5). */
export function scanComment(buf: string, lt: number, max: number): number {
  const dd = buf.indexOf('--', lt + 4);
  if (dd === -1 || dd + 2 >= buf.length) return -1;
  if (buf.charCodeAt(dd + 2) !== GT) throw new XmlProblem(dd, 'LK6101', '"--" is not allowed inside a comment');
  if (dd - lt > max) throw tooLong(lt, 'comment', max);
  return dd + 3;
}

/**
 * `<!DOCTYPE name [external id]>`, skipped without reading anything it names. Any internal subset is
 * refused (LK6107): no DTD is ever read and no entity is ever declared or expanded.
 */
export function scanDoctype(buf: string, lt: number, max: number): number {
  let i = lt + 9;
  for (;;) {
    const c = buf.charCodeAt(i);
    if (c !== c) return -1;
    if (c === GT) return i + 1;
    if (c === 0x5b /* [ */) {
      const entity = buf.indexOf('<!ENTITY', i) !== -1;
      throw new XmlProblem(i, 'LK6107', entity ? 'DOCTYPE internal subset with entity declarations refused' : 'DOCTYPE internal subset refused',
        'lakec never reads DTDs or expands entities; remove the internal subset');
    }
    if (c === 0x22 || c === 0x27) {
      const close = buf.indexOf(c === 0x22 ? '"' : "'", i + 1);
      if (close === -1) return -1;
      i = close + 1;
    } else {
      i++;
    }
    if (i - lt > max) throw tooLong(lt, 'DOCTYPE', max);
  }
}

/**
 * `<?target …?>`. A target `xml` (any case) is the XML declaration: allowed only at absolute offset 0
 * (`atStart`), it must give a version, and an encoding other than UTF-8/US-ASCII is refused (LK6106).
 */
export function scanProcessingInstruction(buf: string, lt: number, max: number, atStart: boolean): number {
  const end = buf.indexOf('?>', lt + 2);
  if (end === -1) return -1;
  if (end - lt > max) throw tooLong(lt, 'processing instruction', max);
  let i = lt + 2;
  if (!isNameStartCode(buf.charCodeAt(i))) throw new XmlProblem(lt, 'LK6101', 'invalid processing instruction target');
  while (i < end && isNameCode(buf.charCodeAt(i))) i++;
  if (i < end && !isXmlSpace(buf.charCodeAt(i))) throw new XmlProblem(i, 'LK6101', 'invalid processing instruction target');
  if (buf.slice(lt + 2, i).toLowerCase() === 'xml') {
    if (!atStart) throw new XmlProblem(lt, 'LK6101', 'XML declaration is only allowed at the very start of the file');
    checkDeclaration(buf.slice(i, end), lt);
  }
  return end + 2;
}

function checkDeclaration(body: string, lt: number): void {
  if (!/^\s+version\s*=\s*(["'])1\.[0-9]+\1/.test(body)) throw new XmlProblem(lt, 'LK6101', 'XML declaration without a valid version');
  const enc = /\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(body);
  const name = enc?.[2]?.toLowerCase();
  if (name !== undefined && name !== 'utf-8' && name !== 'utf8' && name !== 'us-ascii') {
    throw new XmlProblem(lt, 'LK6106', `unsupported encoding "${enc?.[2] ?? ''}" declared`, 'lakec reads UTF-8 only; convert the file to UTF-8 first');
  }
}
