// check/fast-types/: how the inferer gives up. Deep code throws one shared sentinel (no stack trace, no
// allocation); inferColumnsFast catches it and answers undefined, so callers fall back to DuckDB.

/** The sentinel thrown when the inferer is not sure; never escapes inferColumnsFast. */
export const DECLINE: unique symbol = Symbol('fast-types: decline');

let explain = false;

/** Gives up on the current query. */
export function decline(): never {
  if (explain) throw new Error('declined');
  throw DECLINE;
}

/**
 * Runs `fn` with declines raised as Errors, and returns the stack of the first decline (undefined when `fn`
 * completes). For tests and debugging: shows which rule gave up.
 */
export function whyDeclined(fn: () => unknown): string | undefined {
  explain = true;
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.stack : String(e);
  } finally {
    explain = false;
  }
}
