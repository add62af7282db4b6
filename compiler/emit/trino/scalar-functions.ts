// emit/trino/: DuckDB scalar functions the translator maps, by lower-case name, each to the Trino
// expression that computes the same value. Date parts take DATE or TIMESTAMP (a TIMESTAMP WITH TIME ZONE
// would be read in DuckDB's session zone and in its own zone by Trino, so it is refused).
// @see https://duckdb.org/docs/stable/sql/functions/date
// @see https://trino.io/docs/current/functions/datetime.html
import { asNode, list, str, type Node } from './ast-node.js';
import { typeClassOf } from './expression-type.js';
import type { PrintContext } from './print-context.js';
import { operand, printExpr } from './print-expression.js';
import { PREC } from './precedence.js';
import { STRING_FUNCTIONS } from './string-functions.js';
import { refuse } from './trino-refusal.js';

type Handler = (node: Node, args: readonly unknown[], ctx: PrintContext) => string;

/** A Trino function of the same meaning under `trinoName`, with exactly `arity` arguments. */
function renamed(trinoName: string, arity: number): Handler {
  return (node, args, ctx) => {
    if (args.length !== arity) refuse(node, `${str(node, 'function_name')} with ${args.length} arguments`, 'not a form the translator maps');
    return `${trinoName}(${args.map((a) => printExpr(a, ctx)).join(', ')})`;
  };
}

/** A date-part function: its DATE or TIMESTAMP argument under Trino's `trinoName`. */
function datePart(trinoName: string): Handler {
  return (node, args, ctx) => `${trinoName}(${temporalArgument(node, args, ctx)})`;
}

function temporalArgument(node: Node, args: readonly unknown[], ctx: PrintContext): string {
  if (args.length !== 1) refuse(node, `${str(node, 'function_name')} with ${args.length} arguments`, 'not a form the translator maps');
  const cls = typeClassOf(args[0], ctx);
  if (cls !== undefined && cls !== 'date' && cls !== 'timestamp' && cls !== 'null') {
    refuse(args[0], `${str(node, 'function_name')} of a non-DATE, non-TIMESTAMP value`, 'DuckDB and Trino read time zones and intervals differently here');
  }
  return printExpr(args[0], ctx);
}

/** The argument of a function Trino defines on TIMESTAMP only: CAST to TIMESTAMP unless it is one. */
function timestampArgument(node: Node, args: readonly unknown[], ctx: PrintContext): string {
  const text = temporalArgument(node, args, ctx);
  return typeClassOf(args[0], ctx) === 'timestamp' ? text : `CAST(${text} AS TIMESTAMP)`;
}

/** An integer argument of make_date: as is when integral, else CAST to BIGINT as DuckDB's implicit cast does. */
function integerArgument(value: unknown, ctx: PrintContext): string {
  const text = printExpr(value, ctx);
  const cls = typeClassOf(value, ctx);
  if (cls === 'integral' || cls === 'null') return text;
  if (cls === 'floating') refuse(value, 'make_date of a floating-point value', 'DuckDB rounds half to even when casting it to an integer, Trino half up');
  return `CAST(${text} AS BIGINT)`;
}

/** DuckDB's to_years … to_seconds (what `INTERVAL n UNIT` parses to), by the Trino interval unit. */
export const INTERVAL_UNITS: Readonly<Record<string, string>> = {
  to_years: 'YEAR', to_months: 'MONTH', to_days: 'DAY', to_hours: 'HOUR', to_minutes: 'MINUTE', to_seconds: 'SECOND',
};

/**
 * `INTERVAL 'n' UNIT` for DuckDB's parse of `INTERVAL n UNIT`: to_days(CAST(trunc(CAST(n AS DOUBLE)) AS
 * INTEGER)) with a non-negative integer literal n; undefined for any other argument.
 */
export function intervalLiteral(node: Node): string | undefined {
  const unit = INTERVAL_UNITS[str(node, 'function_name').toLowerCase()];
  const args = list(node, 'children');
  if (!unit || args.length !== 1) return undefined;
  let inner = asNode(args[0]);
  while (inner['class'] === 'CAST' || (inner['class'] === 'FUNCTION' && inner['function_name'] === 'trunc' && list(inner, 'children').length === 1)) {
    inner = asNode(inner['class'] === 'CAST' ? inner['child'] : list(inner, 'children')[0]);
  }
  if (inner['class'] !== 'CONSTANT') return undefined;
  const v = asNode(inner['value'])['value'];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return undefined;
  return `INTERVAL '${v}' ${unit}`;
}

const intervalHandler: Handler = (node) => intervalLiteral(node) ?? refuse(node, `${str(node, 'function_name')} of a non-constant`, 'only INTERVAL literals with an integer count are translated');

/** DuckDB scalar functions by lower-case name. */
export const SCALAR_FUNCTIONS: Readonly<Record<string, Handler>> = {
  ...STRING_FUNCTIONS,
  lower: renamed('lower', 1),
  upper: renamed('upper', 1),
  nullif: renamed('nullif', 2),
  year: datePart('year'),
  month: datePart('month'),
  day: datePart('day'),
  quarter: datePart('quarter'),
  dayofmonth: datePart('day_of_month'),
  dayofyear: datePart('day_of_year'),
  // DuckDB's isodow and Trino's day_of_week: 1 = Monday … 7 = Sunday.
  isodow: datePart('day_of_week'),
  last_day: datePart('last_day_of_month'),
  // English names, as DuckDB's: MySQL-style %W (weekday name) and %M (month name) of a TIMESTAMP.
  dayname: (node, args, ctx) => `date_format(${timestampArgument(node, args, ctx)}, '%W')`,
  monthname: (node, args, ctx) => `date_format(${timestampArgument(node, args, ctx)}, '%M')`,
  // Trino has no make_date: an ISO date string fails on an invalid date as DuckDB does. Trino's format
  // spells a NULL as 'null', so NULL parts are tested first (DuckDB's make_date is NULL then).
  make_date: (node, args, ctx) => {
    if (args.length !== 3) refuse(node, `make_date with ${args.length} arguments`, 'only make_date(year, month, day) is translated');
    const parts = args.map((a) => integerArgument(a, ctx));
    const date = `from_iso8601_date(format('%04d-%02d-%02d', ${parts.join(', ')}))`;
    const nullable = parts.filter((_, i) => asNode(args[i])['class'] !== 'CONSTANT');
    return nullable.length ? `CASE WHEN ${nullable.map((p) => `${p} IS NULL`).join(' OR ')} THEN NULL ELSE ${date} END` : date;
  },
  round: (node, args, ctx) => {
    const cls = typeClassOf(args[0], ctx);
    if (cls !== 'decimal' && cls !== 'integral') {
      refuse(node, cls === undefined ? 'round of a value of unknown type' : `round of a ${cls} value`, 'DuckDB and Trino agree (half away from zero) only on DECIMAL and integer values');
    }
    return `round(${args.map((a) => printExpr(a, ctx)).join(', ')})`;
  },
  generate_series: (node, args, ctx) => printSequence(node, args, ctx),
  like_escape: (node, args, ctx) => likeEscape(node, args, ctx, 'LIKE'),
  not_like_escape: (node, args, ctx) => likeEscape(node, args, ctx, 'NOT LIKE'),
  ...Object.fromEntries(Object.keys(INTERVAL_UNITS).map((k) => [k, intervalHandler])),
};

/**
 * generate_series(start, stop[, step]) as Trino's sequence (both include stop). With an INTERVAL step
 * DuckDB computes TIMESTAMPs (DATE bounds are cast), so the bounds are CAST to TIMESTAMP(6) to keep the
 * element type. Trino fails where DuckDB gives an empty list (stop before start) and above 10,000 elements.
 */
function printSequence(node: Node, args: readonly unknown[], ctx: PrintContext): string {
  if (args.length < 2 || args.length > 3) refuse(node, `generate_series with ${args.length} arguments`, 'not a form the translator maps');
  const [start, stop, step] = args;
  const temporal = step !== undefined && asNode(step)['class'] === 'FUNCTION' && INTERVAL_UNITS[str(asNode(step), 'function_name').toLowerCase()] !== undefined;
  if (!temporal) {
    for (const a of args) if (typeClassOf(a, ctx) !== 'integral') refuse(a, 'generate_series bound or step', 'only integers, or dates and timestamps with an INTERVAL literal step, are translated');
    return `sequence(${args.map((a) => printExpr(a, ctx)).join(', ')})`;
  }
  for (const bound of [start, stop]) {
    const cls = typeClassOf(bound, ctx);
    if (cls !== undefined && cls !== 'date' && cls !== 'timestamp') refuse(bound, 'generate_series bound', 'only DATE and TIMESTAMP bounds are translated with an INTERVAL step');
  }
  return `sequence(CAST(${printExpr(start, ctx)} AS TIMESTAMP(6)), CAST(${printExpr(stop, ctx)} AS TIMESTAMP(6)), ${printExpr(step, ctx)})`;
}

function likeEscape(node: Node, args: readonly unknown[], ctx: PrintContext, op: string): string {
  if (args.length !== 3) refuse(node, `${str(node, 'function_name')}`, 'expects three arguments');
  return `${operand(args[0], PREC.compare, ctx, true)} ${op} ${operand(args[1], PREC.compare, ctx, true)} ESCAPE ${operand(args[2], PREC.compare, ctx, true)}`;
}
