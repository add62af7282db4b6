// cli/: the human (text) and machine (JSON) views of `lakec audit`: every attempt of every stage of a run.
// Pure: data in, string out; the command reads `<run>/_audit.jsonl` (commands/audit-command.ts).
import type { AuditRecord } from '../control/audit-record.js';
import { ansiStyles, type Styles } from './ansi.js';

/** Options of renderAuditText. */
export interface AuditTextOptions {
  /** Terminal width in characters: each line's message is cut to fit (with `…`). Absent: never cut. */
  readonly width?: number;
  /** ANSI colours (only for a terminal, see ansi.ts colorFor). Default false. */
  readonly color?: boolean;
}

const HEADERS = ['SEQ', 'STAGE', 'TRY', 'STATUS', 'SECONDS', 'ROWS', 'ERROR', 'HEALING', 'RETRY'] as const;
/** Columns aligned right (numbers). */
const RIGHT = new Set<number>([0, 2, 4, 5, 8]);

/**
 * Text rendering of audit records as a table, one line per record in the given order: seq, stage,
 * attempt, status, duration (seconds), rows, error code with `transient`/`permanent`, healing
 * `action→outcome`, retry delay (seconds), message. Absent values show as `-`; the message column is
 * last and has no header padding. Ends with a newline; empty string for no records. Display only.
 */
export function renderAuditText(records: readonly AuditRecord[], opts: AuditTextOptions = {}): string {
  if (!records.length) return '';
  const c = ansiStyles(opts.color === true);
  const cells = records.map(auditCells);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const pad = (row: readonly string[]) => row.map((v, i) => (RIGHT.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)));
  let out = c.bold(`${pad(HEADERS).join('  ')}  MESSAGE`) + '\n';
  records.forEach((r, n) => {
    const padded = pad(cells[n]!);
    const plainLength = padded.join('  ').length;
    const message = fitMessage(r.message ?? '', opts.width === undefined ? undefined : opts.width - plainLength - 2);
    padded[3] = styleStatus(c, r.status, padded[3]!);
    out += `${padded.join('  ')}  ${message}`.trimEnd() + '\n';
  });
  return out;
}

/** The records as a JSON array (AuditRecord fields as written), 2-space indent, trailing newline. */
export function renderAuditJson(records: readonly AuditRecord[]): string {
  return JSON.stringify(records, null, 2) + '\n';
}

/** The table cells of one record, in HEADERS order. */
function auditCells(r: AuditRecord): string[] {
  const error = r.error_code ? `${r.error_code}${r.transient === null ? '' : r.transient ? ' transient' : ' permanent'}` : '-';
  const healing = r.healing_action ? `${r.healing_action}→${r.healing_outcome ?? '?'}` : '-';
  return [
    String(r.seq), r.stage, String(r.attempt), r.status, seconds(r.duration_ms),
    r.rows === null ? '-' : r.rows.toLocaleString('en-US'), error, healing,
    r.retry_delay_ms === null ? '-' : `${seconds(r.retry_delay_ms)}s`,
  ];
}

/** `message` cut to `room` characters with a trailing `…`; whole when `room` is undefined. */
function fitMessage(message: string, room: number | undefined): string {
  const oneLine = message.replace(/\s*\n\s*/g, ' ');
  if (room === undefined || oneLine.length <= room) return oneLine;
  return room <= 1 ? '' : `${oneLine.slice(0, room - 1)}…`;
}

function styleStatus(c: Styles, status: AuditRecord['status'], text: string): string {
  if (status === 'succeeded') return c.green(text);
  if (status === 'failed') return c.red(text);
  if (status === 'cancelled' || status === 'disabled') return c.yellow(text);
  return c.dim(text);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
}
