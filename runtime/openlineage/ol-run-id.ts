// openlineage/: OpenLineage run ids. The spec asks for a UUID and recommends version 7 (time-ordered,
// RFC 9562 §5.7); lakec derives the random part from a hash of the lakec run id and the job name, so
// the same run and stage always get the same id (a retried POST or a re-read file agrees) while
// different jobs of one run differ.
import { createHash } from 'node:crypto';

/**
 * A UUIDv7 string: the first 48 bits are `timeMs` (milliseconds since the Unix epoch), then the
 * version nibble 7, 12 bits, the RFC 9562 variant `10`, and 62 bits, the 74 free bits taken from
 * sha256(`seed`).
 * @example uuidV7(Date.parse('2026-11-21T00:00:00Z'), 'run-1/discogs.artists') // '019aa3…-…-7…-…'
 * @see https://www.rfc-editor.org/rfc/rfc9562#section-5.7
 */
export function uuidV7(timeMs: number, seed: string): string {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 16);
  const ms = BigInt(Math.max(0, Math.floor(timeMs)));
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
