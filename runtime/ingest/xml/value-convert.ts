// ingest/xml: converts mapped text to the field value(s) of the declared type (see output-schemas.ts).
import type { SourceColumnType } from '../../../compiler/types/xml-mapping.js';

const INT_TEXT = /^[+-]?[0-9]+$/;
const DOUBLE_TEXT = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const PARTIAL_DATE = /^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$/;
const INT64_MAX = '9223372036854775807';
const INT32_MAX = '2147483647';

/**
 * Writes the field value(s) for `text` of `type` into `fields` from `offset` (one field, four for
 * PARTIAL_DATE), the empty string standing for NULL. Non-VARCHAR values come out in a canonical ASCII
 * form DuckDB's CSV reader parses as that type. An empty value is NULL. Numbers and booleans ignore surrounding
 * XML whitespace, and whitespace-only counts as empty; VARCHAR keeps the text exactly.
 * BOOLEAN accepts `true`/`false`/`1`/`0`; DOUBLE accepts decimal and exponent forms and `INF`, `-INF`, `NaN`.
 * PARTIAL_DATE keeps the raw text and splits `YYYY[-MM[-DD]]` into year, month, day, each NULL when
 * missing, `00`/`0000` or out of range; text of another shape keeps the raw value with all parts NULL.
 * @returns false when the text does not convert (the caller reports LK6104); `fields` is then untouched.
 */
export function convertValue(type: SourceColumnType, text: string, fields: string[], offset: number): boolean {
  switch (type) {
    case 'VARCHAR':
      fields[offset] = text;
      return true;
    case 'BIGINT':
      return encodeInteger(text, INT64_MAX, fields, offset);
    case 'INTEGER':
      return encodeInteger(text, INT32_MAX, fields, offset);
    case 'DOUBLE':
      return encodeDouble(text, fields, offset);
    case 'BOOLEAN':
      return encodeBoolean(text, fields, offset);
    case 'PARTIAL_DATE':
      encodePartialDate(text, fields, offset);
      return true;
  }
}


function encodeInteger(raw: string, max: string, fields: string[], offset: number): boolean {
  if (raw.length < max.length && INT_TEXT.test(raw) && raw.charCodeAt(0) !== 0x2b /* + */) {
    fields[offset] = raw; // fast path: short plain digits always fit
    return true;
  }
  const text = raw.trim();
  if (text.length === 0) {
    fields[offset] = '';
    return true;
  }
  if (!INT_TEXT.test(text)) return false;
  const negative = text.charCodeAt(0) === 0x2d;
  const digits = text.replace(/^[+-]?0*/, '') || '0';
  const limit = negative ? max.slice(0, -1) + String(Number(max.slice(-1)) + 1) : max;
  if (digits.length > limit.length || (digits.length === limit.length && digits > limit)) return false;
  fields[offset] = negative && digits !== '0' ? `-${digits}` : digits;
  return true;
}

function encodeDouble(raw: string, fields: string[], offset: number): boolean {
  const text = raw.trim();
  if (text.length === 0) fields[offset] = '';
  else if (DOUBLE_TEXT.test(text) && Number.isFinite(Number(text))) fields[offset] = text;
  else if (text === 'INF' || text === '+INF') fields[offset] = 'inf';
  else if (text === '-INF') fields[offset] = '-inf';
  else if (text === 'NaN') fields[offset] = 'nan';
  else return false;
  return true;
}

function encodeBoolean(raw: string, fields: string[], offset: number): boolean {
  const text = raw.trim();
  if (text === 'true' || text === '1') fields[offset] = 'true';
  else if (text === 'false' || text === '0') fields[offset] = 'false';
  else if (text.length === 0) fields[offset] = '';
  else return false;
  return true;
}

function encodePartialDate(raw: string, fields: string[], offset: number): void {
  fields[offset] = raw;
  const m = PARTIAL_DATE.exec(raw.trim());
  fields[offset + 1] = m ? part(m[1], 1, 9999) : '';
  fields[offset + 2] = m ? part(m[2], 1, 12) : '';
  fields[offset + 3] = m ? part(m[3], 1, 31) : '';
}

function part(digits: string | undefined, min: number, max: number): string {
  if (digits === undefined) return '';
  const n = Number(digits);
  return n >= min && n <= max ? String(n) : '';
}
