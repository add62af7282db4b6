// schedule/: a schedule record as a text Gantt chart, one section per system. Plain text, no colours
// (the CLI may add them); the same record always renders to the same string.
import type { ScheduleEntry, RecordedSchedule, SystemThrottle, TaskStatus } from './schedule-types.js';
import { uniqueSorted } from './system-throttles.js';

/** Options of renderGantt. */
export interface GanttOptions {
  /** Columns of the time axis (default 60, at least 10). */
  readonly width?: number;
  /** Title line (default `schedule`). */
  readonly title?: string;
}

/** Bar character per status. */
const BAR: Readonly<Record<TaskStatus, string>> = { succeeded: '#', failed: 'x', stopped: '!' };
const MAX_NAME = 40;
/** Section of stages without a system. */
const NO_SYSTEM = '(no system)';

/**
 * Renders a text Gantt chart: a title with profile, workers, stage count and makespan; a shared
 * time axis; per system (sorted; stages without a system last) a header with its throttle and the
 * observed peaks, then one line per stage: `  <id>  |<bar>| <start> → <end>  w<worker>` (bars:
 * `#` succeeded, `x` failed, `!` stopped); then worker utilisation, profile changes and skipped
 * stages. A stage on several systems appears in each of their sections.
 *
 * @returns lines joined by `\n`, ending with `\n`.
 * @example
 * renderGantt(await predictSchedule(tasks, 4, throttles, 'balanced'), { title: 'predicted schedule' })
 */
export function renderGantt(record: RecordedSchedule, options: GanttOptions = {}): string {
  const width = Math.max(10, Math.floor(options.width ?? 60));
  const span = Math.max(record.makespanMs, 1);
  const nameWidth = Math.min(MAX_NAME, Math.max(8, ...record.entries.map((e) => e.id.length)));
  const pad = ' '.repeat(nameWidth + 4);
  const lines = [
    `${options.title ?? 'schedule'}: profile ${record.profile}, ${record.workers} worker${record.workers === 1 ? '' : 's'}, ` +
      `${record.entries.length} stage${record.entries.length === 1 ? '' : 's'} run, makespan ${formatMs(record.makespanMs)}`,
    pad + axisLabels(span, width),
    `${pad}|${'-'.repeat(width)}|`,
  ];
  for (const [system, entries] of sections(record.entries)) {
    lines.push(systemHeader(system, entries, record));
    for (const e of entries) {
      const from = Math.min(width - 1, Math.floor((e.startMs / span) * width));
      const to = Math.min(width, Math.max(from + 1, Math.round((e.endMs / span) * width)));
      const bar = ' '.repeat(from) + BAR[e.status].repeat(to - from) + ' '.repeat(width - to);
      lines.push(`  ${fit(e.id, nameWidth)}  |${bar}| ${formatMs(e.startMs)} → ${formatMs(e.endMs)}  w${e.worker}`);
    }
  }
  lines.push(`workers: ${workerUse(record, span)}`);
  for (const c of record.profileChanges) lines.push(`profile → ${c.profile} at ${formatMs(c.atMs)}`);
  for (const s of record.skipped) lines.push(`skipped ${s.id}: ${s.reason}`);
  return lines.join('\n') + '\n';
}

/** A duration for people: `0s`, `250ms`, `12.5s`, `3m05s`, `2h07m`. */
export function formatMs(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function sections(entries: readonly ScheduleEntry[]): [string, ScheduleEntry[]][] {
  const bySystem = new Map<string, ScheduleEntry[]>();
  for (const e of entries) {
    for (const s of e.systems.length > 0 ? uniqueSorted(e.systems) : [NO_SYSTEM]) (bySystem.get(s) ?? bySystem.set(s, []).get(s)!).push(e);
  }
  const names = [...bySystem.keys()].filter((s) => s !== NO_SYSTEM).sort();
  if (bySystem.has(NO_SYSTEM)) names.push(NO_SYSTEM);
  return names.map((s) => [s, bySystem.get(s)!]);
}

function systemHeader(system: string, entries: readonly ScheduleEntry[], record: RecordedSchedule): string {
  if (system === NO_SYSTEM) return NO_SYSTEM;
  const t: SystemThrottle | undefined = record.throttles.find((x) => x.name === system);
  const parts = [`system ${system}`];
  if (t?.maxConcurrent !== undefined) parts.push(`max ${t.maxConcurrent} concurrent (peak ${peakConcurrent(entries)})`);
  else parts.push(`peak ${peakConcurrent(entries)} concurrent`);
  for (const r of record.rates.filter((x) => x.system === system)) {
    parts.push(`${formatRate(r.ratePerSecond, r.kind)} (peak ${formatRate(r.peakPerSecond, r.kind)})`);
  }
  return parts.join(' · ');
}

function peakConcurrent(entries: readonly ScheduleEntry[]): number {
  const events = entries.flatMap((e) => (e.endMs > e.startMs ? [[e.startMs, 1], [e.endMs, -1]] : [])).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let n = 0;
  let peak = 0;
  for (const [, d] of events) peak = Math.max(peak, (n += d!));
  return peak;
}

function formatRate(perSecond: number, kind: 'rows' | 'bytes'): string {
  if (kind === 'rows') return `${Math.round(perSecond).toLocaleString('en-US')} rows/s`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = perSecond;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}/s`;
}

function axisLabels(span: number, width: number): string {
  const ticks = 4;
  const line = new Array<string>(width + 2).fill(' ');
  for (let i = 0; i <= ticks; i++) {
    const label = formatMs((span * i) / ticks);
    const col = Math.round((width * i) / ticks) + 1;
    const at = i === ticks ? width + 2 - label.length : i === 0 ? 0 : col - Math.floor(label.length / 2);
    for (let j = 0; j < label.length; j++) if (at + j >= 0 && at + j < line.length) line[at + j] = label[j]!;
  }
  return line.join('').trimEnd();
}

function workerUse(record: RecordedSchedule, span: number): string {
  const busy = new Array<number>(record.workers).fill(0);
  for (const e of record.entries) busy[e.worker] = (busy[e.worker] ?? 0) + (e.endMs - e.startMs);
  return busy.map((ms, w) => `w${w} ${Math.round((100 * ms) / span)}%`).join(' · ');
}

function fit(id: string, width: number): string {
  return id.length > width ? `${id.slice(0, width - 1)}…` : id.padEnd(width);
}
