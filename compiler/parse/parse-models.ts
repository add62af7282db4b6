// parse/: the second compiler phase. Parses every model file with the SqlParser. Pure over its input
// apart from the parser itself; writes nothing.
import type { Diagnostic, Phase } from '../diagnostics/diagnostic.js';
import { suggestName } from '../diagnostics/did-you-mean.js';
import { makeSourceFile, spanAt } from '../diagnostics/source-file.js';
import type { ParsedModel } from '../types/model.js';
import type { ModelFile } from '../types/project.js';
import { parseModelHeader, skipTrivia, splitModelStatement } from './model-statement.js';
import type { SqlParser } from './sql-parser.js';

/** Header keys a model may set. */
export const MODEL_HEADER_KEYS = ['description', 'layer', 'unique_key'] as const;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Parses models in the given order (callers pass them sorted). Diagnostics: LK2001 syntax error at the
 * parser's position, LK2002 more than one statement, none, or one that is not a query, LK2003 bad header.
 */
export async function parseModels(files: readonly ModelFile[], parser: SqlParser): Promise<Phase<ParsedModel[]>> {
  const diagnostics: Diagnostic[] = [];
  const prepared = files.map((file) => prepareFile(file, diagnostics));
  const toParse = prepared.filter((p) => p.bodyStart < p.file.text.length);
  const outcomes = await parser.parseMany(toParse.map((p) => p.statement.body));
  const byFile = new Map(toParse.map((p, i) => [p.file.path, outcomes[i]!]));
  const models: ParsedModel[] = [];
  for (const { file, source, header, statement, bodyStart, ok } of prepared) {
    const parsed = byFile.get(file.path);
    if (!parsed) continue;
    if (!parsed.ok) {
      const at = statement.bodyOffset + charOffset(statement.body, parsed.error.offset ?? 0);
      // DuckDB's serializer refuses any statement but SELECT with "only SELECT statements can be serialized".
      const notSelect = /only SELECT statements can be serialized/i.test(parsed.error.message);
      const code = notSelect || /expected one statement|no SELECT/.test(parsed.error.message) ? 'LK2002' : 'LK2001';
      const message = notSelect ? `model "${file.path}" holds a statement that is not a SELECT` : lowerFirst(parsed.error.message);
      diagnostics.push({ code, severity: 'error', message, span: spanAt(source, at, at + 1), hint: code === 'LK2002' ? 'a model file holds exactly one statement' : 'fix the SQL near this position' });
      continue;
    }
    if (!ok) continue;
    const layer = header.config['layer'] ?? file.layer;
    models.push({
      pipeline: file.pipeline, layer, dataset: statement.target?.name.toLowerCase() ?? file.name, path: file.path, form: statement.form,
      sql: statement.body.trim().replace(/;\s*$/, ''), sqlOffset: statement.bodyOffset + (statement.body.length - statement.body.trimStart().length),
      astFingerprint: parsed.value.astFingerprint, logic: parsed.value.logic, statement: parsed.value.statement, astOffset: statement.bodyOffset,
      ...(header.config['unique_key'] ? { uniqueKey: header.config['unique_key'].split('+').map((c) => c.trim()).filter(Boolean), uniqueKeySpan: spanAt(source, header.keyOffsets['unique_key'] ?? 0, (header.keyOffsets['unique_key'] ?? 0) + 10) } : {}),
      tableRefs: parsed.value.tableRefs.map((r) => {
        const at = statement.bodyOffset + charOffset(statement.body, r.offset);
        return { name: r.name, schema: r.schema, span: spanAt(source, at, at + r.name.length) };
      }),
      ...(header.config['description'] ? { description: header.config['description'] } : {}),
      span: spanAt(source, bodyStart, file.text.length),
    });
  }
  return { value: diagnostics.length ? undefined : models, diagnostics };
}

/** Header and statement checks of one file (no parsing); pushes their diagnostics. `ok` is false when any was found. */
function prepareFile(file: ModelFile, diagnostics: Diagnostic[]) {
  const source = makeSourceFile(file.path, file.text);
  const header = parseModelHeader(file.text);
  const before = diagnostics.length;
  if (header.malformed) {
    diagnostics.push({ code: 'LK2003', severity: 'error', message: `malformed header entry "${header.malformed.text}"`, span: spanAt(source, header.malformed.offset, header.malformed.offset + header.malformed.text.length), hint: 'write -- lakec: key=value, key=value' });
  }
  for (const key of Object.keys(header.config)) {
    if (!(MODEL_HEADER_KEYS as readonly string[]).includes(key)) {
      const at = header.keyOffsets[key] ?? 0;
      diagnostics.push({ code: 'LK2003', severity: 'error', message: `unknown header key "${key}"`, span: spanAt(source, at, at + key.length), hint: suggestName(key, MODEL_HEADER_KEYS, 'key') ?? '' });
    }
  }
  const layer = header.config['layer'] ?? file.layer;
  if (!IDENTIFIER.test(layer)) {
    const at = header.keyOffsets['layer'] ?? 0;
    diagnostics.push({ code: 'LK2003', severity: 'error', message: `invalid layer "${layer}"`, span: spanAt(source, at, at + 5), hint: 'use bronze, silver, gold or another lower-case identifier' });
  }
  const statement = splitModelStatement(file.text);
  const bodyStart = skipTrivia(file.text, statement.bodyOffset);
  if (bodyStart >= file.text.length) {
    diagnostics.push({ code: 'LK2002', severity: 'error', message: `model "${file.path}" has no SELECT statement`, span: spanAt(source, 0, 0), hint: 'a model file holds one SELECT (or CREATE … AS SELECT / INSERT INTO … SELECT)' });
  }
  return { file, source, header, statement, bodyStart, ok: diagnostics.length === before };
}

/** DuckDB positions are UTF-8 byte offsets; spans index the JS string (UTF-16 code units). */
function charOffset(text: string, byteOffset: number): number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return byteOffset;
  return Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8').length;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
