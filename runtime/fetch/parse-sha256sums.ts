// fetch/: reads a checksum file in the format GNU sha256sum writes. Pure: no I/O.
import { LakecError } from '../../compiler/index.js';

/**
 * Parses `sha256sum` output: one `<64 hex>  <name>` per line (two spaces; `<hex> *<name>` in binary
 * mode), blank lines ignored, CRLF accepted. See GNU coreutils `sha256sum --check` (md5sum format).
 * @returns file name → lowercase hex sha256.
 * @throws LakecError LK6105 naming `displayPath` and the 1-based line of the first malformed line.
 */
export function parseSha256Sums(text: string, displayPath: string): Map<string, string> {
  const sums = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    if (!m) {
      throw new LakecError({ code: 'LK6105', severity: 'error', message: `checksum file "${displayPath}" line ${i + 1} is not "<sha256>  <file name>"`,
        hint: 'the published checksum file is damaged; try again later' });
    }
    sums.set(m[2]!.trim(), m[1]!.toLowerCase());
  }
  return sums;
}
