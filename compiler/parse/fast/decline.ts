// parse/fast/: how the fast parser gives up. Every unsupported or invalid construct throws the one
// preallocated Decline (no stack trace to capture); fastParseSelect catches it and returns undefined so
// the caller falls back to DuckDB, which also owns the error messages.

/** Marker error for "outside the fast subset"; never escapes fastParseSelect. */
export class Decline extends Error {}

const DECLINE = new Decline('fast parser declined');

/** Abandons the fast parse. */
export function decline(): never {
  throw DECLINE;
}
