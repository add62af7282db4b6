// sources/postgres: keeps credentials out of every error text that leaves the PostgreSQL code. A
// server or driver message can echo what it was given (a connection string, a password in a failed
// SQL statement), so every message is scrubbed before it reaches a diagnostic, a log or the audit log.

/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted]';

/**
 * `text` with every occurrence of each non-empty secret, and any `scheme://user:password@` userinfo,
 * replaced by `[redacted]`. Secrets shorter than 4 characters are replaced too (a short password is
 * still a password), so the caller should pass only real secrets.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^/@\s:]*):([^/@\s]*)@/gi, `$1$2:${REDACTED}@`);
  for (const s of secrets) if (s) out = out.split(s).join(REDACTED);
  return out;
}

/**
 * A copy of `error` safe to keep as a `cause`: a plain Error whose message (and its causes', up to 8
 * deep) is redacted, keeping `name`, the errno/SQLSTATE `code` (the control plane classifies on it) and
 * no stack text with the original message. Non-errors become an Error of their redacted string.
 */
export function redactedError(error: unknown, secrets: readonly (string | undefined)[], depth = 0): Error {
  if (!(error instanceof Error)) return new Error(redactSecrets(String(error), secrets));
  const copy = new Error(redactSecrets(error.message, secrets));
  copy.name = error.name;
  copy.stack = `${copy.name}: ${copy.message}`;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  if (error.cause !== undefined && depth < 8) copy.cause = redactedError(error.cause, secrets, depth + 1);
  return copy;
}
