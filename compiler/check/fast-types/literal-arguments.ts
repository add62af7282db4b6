// check/fast-types/: functions whose bind step reads a constant argument: it must be a constant, DuckDB
// validates its value while binding (an unknown date part, strftime format or regex option is an error),
// and for date_part the value picks the result type ('epoch' is DOUBLE). Values we cannot vouch for decline.
// @see https://duckdb.org/docs/stable/sql/functions/datepart
// @see https://duckdb.org/docs/stable/sql/functions/dateformat
// @see https://duckdb.org/docs/stable/sql/functions/regular_expressions
// Every rule was probed on the bundled DuckDB; test/fast-types (signature sweep) re-checks them.
import { decline } from './decline.js';
import { DOUBLE, type LType } from './logical-type.js';
import type { Overload } from './signature-table.js';

/** Date part specifiers date_part accepts for every temporal type (case-insensitive); all give BIGINT. */
const DATE_PARTS = new Set([
  'year', 'years', 'y', 'yr', 'yrs', 'month', 'months', 'mon', 'mons', 'day', 'days', 'd', 'dayofmonth',
  'hour', 'hours', 'h', 'hr', 'hrs', 'minute', 'minutes', 'm', 'min', 'mins', 'second', 'seconds', 's', 'sec', 'secs',
  'millisecond', 'milliseconds', 'ms', 'msec', 'msecs', 'microsecond', 'microseconds', 'us', 'usec', 'usecs',
  'week', 'weeks', 'w', 'weekofyear', 'quarter', 'quarters', 'dow', 'dayofweek', 'weekday', 'isodow', 'doy', 'dayofyear',
  'decade', 'decades', 'dec', 'century', 'centuries', 'c', 'cent', 'millennium', 'millennia', 'mil', 'isoyear', 'yearweek',
]);
/** date_part specifiers that are not truncation units. */
const EXTRACT_ONLY = new Set(['era', 'timezone', 'timezone_hour', 'timezone_minute']);
/** strftime/strptime specifiers (after `%`, optionally `%-`). */
const FORMAT_SPECIFIERS = new Set('YmdHMSybBaAjpIfzZUWwxXcgGVu%');

/** Functions checkLiteralArguments looks at. */
export const READS_LITERALS: ReadonlySet<string> = new Set(['string_agg', 'group_concat', 'listagg', 'date_part', 'datepart', 'date_trunc', 'strftime', 'strptime', 'regexp_matches', 'regexp_full_match', 'regexp_replace']);

/**
 * Checks the constant arguments of a call to `name` resolved to `picked`; `literals[i]` is the value of
 * argument i when it is a string constant. Returns the result type when the value decides it, else undefined.
 */
export function checkLiteralArguments(name: string, picked: Overload, args: readonly LType[], literals: readonly (string | undefined)[]): LType | undefined {
  switch (name) {
    case 'string_agg':
    case 'group_concat':
    case 'listagg':
      if (args.length === 2 && literals[1] === undefined) decline();
      return undefined;
    case 'date_part':
    case 'datepart':
      return datePart(picked, args, literals[0]);
    case 'date_trunc':
      if (literals[0] !== undefined && (args[1]!.id === 'DATE' || args[1]!.id === 'TIMESTAMP')) {
        const part = literals[0].toLowerCase();
        if (!DATE_PARTS.has(part) && part !== 'epoch' && part !== 'julian') decline();
      }
      return undefined;
    case 'strftime':
      checkFormat(literals[picked.params[0]!.id === 'VARCHAR' ? 0 : 1]);
      return undefined;
    case 'strptime':
      checkFormat(literals[1]);
      return undefined;
    case 'regexp_matches':
    case 'regexp_full_match':
      if (literals[1] === undefined ? args[1]!.id !== 'VARCHAR' : !isSafeRegex(literals[1])) decline();
      if (args.length === 3) checkOptions(literals[2], false);
      return undefined;
    case 'regexp_replace':
      if (args.length === 4) checkOptions(literals[3], true);
      return undefined;
    default:
      return undefined;
  }
}

function datePart(picked: Overload, args: readonly LType[], literal: string | undefined): LType | undefined {
  if (picked.params[0]!.id !== 'VARCHAR') return undefined;
  if (literal === undefined) return undefined;
  const part = literal.toLowerCase();
  if (DATE_PARTS.has(part) || EXTRACT_ONLY.has(part)) return undefined;
  if (part === 'epoch') return DOUBLE;
  const source = args[1]!.id;
  if (part === 'julian' && (source === 'DATE' || source === 'TIMESTAMP' || source === 'TIMESTAMP WITH TIME ZONE')) return DOUBLE;
  return decline();
}

/** A format DuckDB parses while binding: only specifiers we know it accepts. */
function checkFormat(format: string | undefined): void {
  if (format === undefined) decline();
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    if (format[i + 1] === '-') i++;
    if (!FORMAT_SPECIFIERS.has(format[i + 1] ?? '')) decline();
    i++;
  }
}

/** Regex options: a constant of known option letters (`g` only for regexp_replace). */
function checkOptions(options: string | undefined, replace: boolean): void {
  if (options === undefined) decline();
  for (const c of options) if (!'icsmnlp'.includes(c) && !(replace && c === 'g')) decline();
}

/**
 * Whether a constant pattern surely compiles in RE2, which DuckDB runs at bind time: it must compile as a
 * JavaScript regex and avoid the constructs where the two dialects disagree (groups with `(?`, back
 * references, braces, Unicode classes, stacked quantifiers).
 */
function isSafeRegex(pattern: string): boolean {
  if (pattern.includes('(?') || pattern.includes('\\p') || pattern.includes('\\P') || pattern.includes('\\k')) return false;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const n = pattern[i + 1] ?? '';
    if (c === '\\') {
      if (n >= '0' && n <= '9') return false;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '{' && !repetitionAt(pattern, i)) return false;
    else if ('*+?}'.includes(c) && '*+{'.includes(n) && n !== '') return false;
  }
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Whether `{` at `at` opens a bounded repetition `{n}`, `{n,}` or `{n,m}` (n <= m <= 1000) after an atom. */
function repetitionAt(pattern: string, at: number): boolean {
  const close = pattern.indexOf('}', at);
  if (at === 0 || '(|'.includes(pattern[at - 1]!) || close < 0) return false;
  const body = pattern.slice(at + 1, close);
  const comma = body.indexOf(',');
  const lo = comma < 0 ? body : body.slice(0, comma);
  const hi = comma < 0 ? lo : body.slice(comma + 1);
  const isDigits = (s: string): boolean => s.length > 0 && s.length < 5 && [...s].every((d) => d >= '0' && d <= '9');
  if (!isDigits(lo) || (hi !== '' && !isDigits(hi))) return false;
  return Number(lo) <= 1000 && (hi === '' || (Number(lo) <= Number(hi) && Number(hi) <= 1000));
}
