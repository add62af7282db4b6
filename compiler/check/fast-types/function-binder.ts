// check/fast-types/: types a function call the way DuckDB's FunctionBinder does: pick the overload whose
// implicit casts cost least (a tie is an error in DuckDB, so we decline), then take its declared return
// type, or apply the function's bind rule when the declaration is generic (DECIMAL, ANY, T).
// @see https://duckdb.org/docs/stable/sql/functions/overview
// @see https://duckdb.org/docs/stable/sql/data_types/typecasting#function-overloading
// Verified against the bundled DuckDB by test/fast-types (signature sweep and property test).
import { implicitCastCost } from './cast-rules.js';
import { decline } from './decline.js';
import { checkLiteralArguments } from './literal-arguments.js';
import { decimalAddType, decimalMultiplyType } from './decimal-rules.js';
import { decimal, DOUBLE, listOf, normalize, VARCHAR, type LType } from './logical-type.js';
import { maxLogicalType } from './max-logical-type.js';
import { isConcrete, lookupFunction, type FunctionEntry, type Overload } from './signature-table.js';

/** The type of a call and whether the function is an aggregate. */
export interface CallType {
  readonly type: LType;
  readonly aggregate: boolean;
}

/** A bind rule for a generic return type: the picked overload and the argument types as written. */
type BindRule = (args: readonly LType[], picked: Overload) => LType | undefined;

/** A rule for an overload taking a DECIMAL first argument: applies `f` to it, or declines for anything else. */
const onDecimal = (f: (d: LType) => LType): BindRule => (args) => (args[0]!.id === 'DECIMAL' ? f(args[0]!) : undefined);
const roundDecimal: BindRule = (args) => {
  const d = args[0]!;
  if (args.length === 1) return decimal(d.width, 0);
  const digits = args[1]!;
  // DuckDB folds the precision at bind time; we only accept an integer literal.
  if (digits.id !== 'INTEGER_LITERAL' || d.id !== 'DECIMAL') return undefined;
  return decimal(d.width, Math.max(0, Math.min(digits.value, d.scale)));
};

/** Bind rules of generic overloads, by function name. */
const BIND_RULES: Readonly<Record<string, BindRule>> = {
  '+': (args) => (args.length === 1 ? normalize(args[0]!) : decimalAddType(args, false)),
  '-': (args) => (args.length === 1 ? normalize(args[0]!) : decimalAddType(args, false)),
  '*': (args) => decimalMultiplyType(args),
  '%': (args) => decimalAddType(args, true),
  abs: onDecimal((d) => d),
  round: roundDecimal,
  trunc: roundDecimal,
  floor: onDecimal((d) => decimal(d.width, 0)),
  ceil: onDecimal((d) => decimal(d.width, 0)),
  ceiling: onDecimal((d) => decimal(d.width, 0)),
  sum: onDecimal((d) => decimal(38, d.scale)),
  avg: onDecimal(() => DOUBLE),
  mean: onDecimal(() => DOUBLE),
  min: (args) => (args.length === 1 ? normalize(args[0]!) : undefined),
  max: (args) => (args.length === 1 ? normalize(args[0]!) : undefined),
  arg_max: sameAsFirstUnlessList,
  arg_min: sameAsFirstUnlessList,
  max_by: sameAsFirstUnlessList,
  min_by: sameAsFirstUnlessList,
};

function sameAsFirstUnlessList(args: readonly LType[], picked: Overload): LType | undefined {
  return picked.ret.id === 'LIST' ? undefined : normalize(args[0]!);
}

/** Functions typed entirely by a rule (templated or variadic ANY signatures the cost model does not settle). */
const FULL_RULES: Readonly<Record<string, (args: readonly LType[]) => LType | undefined>> = {
  first: firstValueRule,
  last: firstValueRule,
  any_value: firstValueRule,
  arbitrary: firstValueRule,
  array_agg: (args) => (args.length === 1 ? listOf(normalize(args[0]!)) : undefined),
  list: (args) => (args.length === 1 ? listOf(normalize(args[0]!)) : undefined),
  concat: (args) => (args.length >= 1 && args.every(isStringable) ? VARCHAR : undefined),
  '||': (args) => (args.length === 2 && args.every(isStringable) ? VARCHAR : undefined),
  greatest: unifyAll,
  least: unifyAll,
};

function firstValueRule(args: readonly LType[]): LType | undefined {
  return args.length === 1 ? normalize(args[0]!) : undefined;
}

/** Arguments concat and `||` turn into text (lists, blobs, NULL and pass-through types change the result type). */
function isStringable(t: LType): boolean {
  return t.id !== 'LIST' && t.id !== 'BLOB' && t.id !== 'OTHER' && t.id !== 'NULL';
}

function unifyAll(args: readonly LType[]): LType | undefined {
  let t: LType | undefined = args[0];
  for (let i = 1; t && i < args.length; i++) t = maxLogicalType(t, args[i]!);
  return t && t.id !== 'OTHER' && t.id !== 'LIST' ? normalize(t) : undefined;
}

/** Aggregates that return (a list of) their argument's type, so pass-through arguments are fine. */
const PASS_THROUGH_OK = new Set(['count', 'min', 'max', 'first', 'last', 'any_value', 'arbitrary', 'array_agg', 'list']);

/**
 * Types `name(args)`. `written` are the argument types as bound (integer and string constants as literal
 * types); `literals[i]` is argument i's value when it is a string constant. Declines on unknown functions,
 * no match, ambiguous matches, NULL arguments and generic returns without a bind rule.
 */
export function typeFunctionCall(name: string, written: readonly LType[], literals: readonly (string | undefined)[] = []): CallType {
  const entry = lookupFunction(name);
  if (!entry) decline();
  for (const a of written) {
    if (a.id === 'NULL' || (a.id === 'OTHER' && !PASS_THROUGH_OK.has(name))) decline();
  }
  const aggregate = entry.kind === 'aggregate';
  // Aggregates bind their arguments' plain types: constants get no literal leeway.
  const args = aggregate ? written.map(normalize) : written;
  const full = FULL_RULES[name];
  if (full) return { type: full(args) ?? decline(), aggregate };
  const picked = resolveOverload(entry, args);
  const decided = checkLiteralArguments(name, picked, args, literals);
  if (decided) return { type: decided, aggregate };
  if (isConcrete(picked.ret)) return { type: picked.ret, aggregate };
  const rule = BIND_RULES[name];
  const type = rule?.(args, picked);
  if (!type) decline();
  return { type, aggregate };
}

/** The cheapest overload for `args`; declines when none applies or two tie (DuckDB: "Could not choose a best candidate"). */
export function resolveOverload(entry: FunctionEntry, args: readonly LType[]): Overload {
  let best: Overload | undefined;
  let bestCost = Infinity;
  let tie = false;
  for (const o of entry.overloads) {
    const cost = overloadCost(o, args);
    if (cost < 0 || cost > bestCost) continue;
    if (cost === bestCost) {
      tie = true;
      continue;
    }
    best = o;
    bestCost = cost;
    tie = false;
  }
  if (!best || tie) decline();
  return best;
}

/** BindFunctionCost / BindVarArgsFunctionCost: summed implicit cast costs, or -1. */
function overloadCost(o: Overload, args: readonly LType[]): number {
  const fixed = o.params.length;
  if (o.varargs ? args.length < fixed : args.length !== fixed) return -1;
  let cost = 0;
  for (let i = 0; i < args.length; i++) {
    const param = i < fixed ? o.params[i]! : o.varargs!;
    if (o.varargs && args[i] === param) continue;
    const c = implicitCastCost(args[i]!, param);
    if (c < 0) return -1;
    cost += c;
  }
  return cost;
}
