// validate/: RFC 4180 CSV encoding. Pure.

/**
 * Encodes one field: quoted (with `"` doubled) when it contains a comma, a quote, CR or LF, or
 * starts/ends with a space; otherwise as is.
 */
export function encodeCsvField(value: string): string {
  return /[",\r\n]|^ | $/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Encodes a table: every record (header included) ends with CRLF, as RFC 4180 specifies.
 * Fields inside quotes keep their own line breaks unchanged.
 */
export function encodeCsv(records: readonly (readonly string[])[]): string {
  return records.map((r) => `${r.map(encodeCsvField).join(',')}\r\n`).join('');
}
