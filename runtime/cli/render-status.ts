// cli/: the human (text) and machine (JSON) views of `lakec status`: one run stage by stage, and the kill
// switches in force. Pure: data in, string out; the command gathers the data (commands/status-command.ts).
import type { RunManifest, ManifestStep } from '../lake/manifest.js';
import { ansiStyles, type Styles } from './ansi.js';

/** A kill switch in force: a disabled scope, with who set it. */
export interface KillSwitch {
  /** `*`, a pipeline, or a stage id `<pipeline>.<stage>`. */
  readonly scope: string;
  /** `spec`: pipelines.yaml; `operator`: lakec disable or SQL on the metadata store. */
  readonly origin: 'spec' | 'operator';
  readonly reason: string | null;
  readonly updatedBy: string | null;
}

/**
 * The kill switches as read from the metadata store: `absent` when the store does not exist (nothing is
 * said about them), `locked` when another process holds it (a one-line note), else the switches in force.
 */
export type KillSwitchState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'locked'; readonly note: string }
  | { readonly kind: 'read'; readonly switches: readonly KillSwitch[] };

/** Everything `lakec status` shows about one run. */
export interface RunStatusReport {
  readonly runId: string;
  /** Whether `active` points at the run. */
  readonly active: boolean;
  /** Whether the run was ever promoted (per `_promotions.jsonl`). */
  readonly promoted: boolean;
  /** The run's manifest; undefined when the folder has none readable. */
  readonly manifest: RunManifest | undefined;
  /**
   * One entry per step. The manifest's steps, in plan order; for a run still `running` (or interrupted),
   * whose manifest lists no steps yet, the latest audit record of each stage (see `stepsFromAudit`).
   */
  readonly steps: readonly ManifestStep[];
  /** True when `steps` come from the audit log rather than the manifest. */
  readonly stepsFromAudit: boolean;
  readonly killSwitches: KillSwitchState;
}

/** Options of renderStatusText. */
export interface StatusTextOptions {
  /** ANSI colours (only for a terminal, see ansi.ts colorFor). Default false. */
  readonly color?: boolean;
}

type StepStatus = ManifestStep['status'];

/** Short labels of step statuses, as shown in the step list and summary. */
export const STEP_LABELS: Readonly<Record<StepStatus, string>> = {
  succeeded: 'ok', failed: 'FAIL', reused: 'same', disabled: 'disabled', cancelled: 'cancelled', skipped: 'skipped',
};
const LABEL_ORDER: readonly StepStatus[] = ['succeeded', 'reused', 'failed', 'cancelled', 'disabled', 'skipped'];

/**
 * Text rendering of `report`: a header (id, status, active/promoted, start, duration, plan fingerprint
 * (12 hex chars), previous active run, the run's error, and for a halted run the halt reason and
 * scopes), a table with one line per step (status, id, attempts when > 1, rows, seconds, then the error
 * code and the reason or failure message), a count per status, then the kill switches in force. Ends with a newline. Display only: parse
 * renderStatusJson instead.
 */
export function renderStatusText(report: RunStatusReport, opts: StatusTextOptions = {}): string {
  const c = ansiStyles(opts.color === true);
  let out = renderHeader(c, report);
  if (report.manifest) out += renderSteps(c, report);
  return out + renderKillSwitches(c, report.killSwitches);
}

/**
 * The report as one JSON object with a trailing newline:
 * `{ run: {...}, steps: ManifestStep[], flags: KillSwitch[] | null }`. `run` holds the run id, status
 * (`unknown` without a manifest), `active`, `promoted`, and when known `project`, `startedAt`,
 * `finishedAt`, `durationMs` (ms), `planFingerprint`, `previousActive`, `error` (a Diagnostic),
 * `errorCode`, `halt`, `aborted`, and `stepsFromAudit`. `flags` is `[]` when no metadata store exists and `null`
 * when it could not be read (locked), with the reason in `flagsNote`.
 */
export function renderStatusJson(report: RunStatusReport): string {
  const m = report.manifest;
  const run = {
    runId: report.runId, status: m?.status ?? 'unknown', active: report.active, promoted: report.promoted,
    ...(m ? {
      project: m.project, startedAt: m.startedAt, finishedAt: m.finishedAt ?? null, durationMs: m.durationMs ?? null,
      planFingerprint: m.planFingerprint, previousActive: m.previousActive, error: m.error ?? null, errorCode: m.errorCode ?? null, halt: m.halt ?? null, aborted: m.aborted ?? null,
    } : {}),
    stepsFromAudit: report.stepsFromAudit,
  };
  const k = report.killSwitches;
  const flags = k.kind === 'read' ? k.switches : k.kind === 'absent' ? [] : null;
  return JSON.stringify({ run, steps: report.steps, flags, ...(k.kind === 'locked' ? { flagsNote: k.note } : {}) }, null, 2) + '\n';
}

function renderHeader(c: Styles, report: RunStatusReport): string {
  const m = report.manifest;
  const marks = [report.active ? 'active' : 'not active', report.promoted ? 'promoted' : 'never promoted'].join(', ');
  if (!m) return `${c.bold(`run ${report.runId}`)}  ${c.dim('unknown')}  (${marks})\n  no readable manifest: the run was interrupted before writing one, or the folder is not a lakec run\n`;
  let out = `${c.bold(`run ${report.runId}`)}  ${styleRunStatus(c, m.status)}  (${marks})\n`;
  const row = (key: string, value: string) => (out += `  ${key.padEnd(10)}${value}\n`);
  row('project', m.project);
  row('started', m.startedAt);
  row('duration', m.durationMs !== undefined ? seconds(m.durationMs) : m.status === 'running' ? '- (in progress, or interrupted if no apply is running)' : m.status === 'aborted' ? '- (interrupted)' : '-');
  row('plan', m.planFingerprint.slice(0, 12));
  row('previous', m.previousActive ?? '(none)');
  if (m.error || m.errorCode) {
    const diag = m.error ? `${m.error.code}: ${m.error.message}` : '';
    row('error', c.red([m.errorCode, diag].filter(Boolean).join('  ')));
  }
  if (m.aborted) row('aborted', `noticed by the next apply at ${m.aborted.at}`);
  if (m.halt) {
    row('halted', `by ${m.halt.scopes.join(', ')}: ${m.halt.reason}`);
    if (m.halt.stages.length) row('stopped', m.halt.stages.join(', '));
  }
  return out;
}

function renderSteps(c: Styles, report: RunStatusReport): string {
  const steps = report.steps;
  let out = `\nsteps${report.stepsFromAudit ? c.dim(' (from the audit log: the manifest lists none yet)') : ''}\n`;
  if (!steps.length) return `${out}  (none)\n`;
  const cells = steps.map((s) => [
    STEP_LABELS[s.status], s.id, s.attempts !== undefined && s.attempts > 1 ? String(s.attempts) : '',
    s.rows === undefined ? '' : s.rows.toLocaleString('en-US'), s.durationMs === undefined ? '' : (s.durationMs / 1000).toFixed(1),
  ]);
  const headers = ['STATUS', 'STEP', 'TRIES', 'ROWS', 'SECONDS'];
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const pad = (row: readonly string[]) => row.map((v, i) => (i < 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)));
  out += c.dim(`  ${pad(headers).join('  ')}  DETAIL`) + '\n';
  steps.forEach((s, n) => {
    const padded = pad(cells[n]!);
    padded[0] = styleStepStatus(c, s.status, padded[0]!);
    out += `  ${padded.join('  ')}  ${stepDetail(s)}`.trimEnd() + '\n';
  });
  const counts = LABEL_ORDER.map((st) => [st, steps.filter((s) => s.status === st).length] as const).filter(([, n]) => n > 0);
  return `${out}  ${steps.length} step(s): ${counts.map(([st, n]) => `${n} ${STEP_LABELS[st]}`).join(', ')}\n`;
}

function renderKillSwitches(c: Styles, k: KillSwitchState): string {
  if (k.kind === 'absent') return '';
  if (k.kind === 'locked') return `\nkill switches: ${c.dim(k.note)}\n`;
  if (!k.switches.length) return '\nkill switches\n  (no kill switches set)\n';
  const width = Math.max(...k.switches.map((s) => s.scope.length));
  let out = '\nkill switches\n';
  for (const s of k.switches) {
    const by = s.origin === 'spec' ? 'in pipelines.yaml' : s.updatedBy ? `by ${s.updatedBy}` : 'by an operator';
    out += `  ${c.yellow(s.scope.padEnd(width))}  disabled ${by}${s.reason ? `: ${s.reason}` : ''}\n`;
  }
  return out;
}

/** The error code, then the reason (skipped, disabled, cancelled) or the failure's message. */
function stepDetail(s: ManifestStep): string {
  const code = s.errorCode ?? s.error?.code;
  const text = s.reason ?? s.error?.message;
  return [code, text].filter(Boolean).join(': ');
}

function styleRunStatus(c: Styles, status: RunManifest['status']): string {
  if (status === 'succeeded') return c.green(status);
  if (status === 'failed') return c.red(status);
  return c.yellow(status);
}

function styleStepStatus(c: Styles, status: StepStatus, text: string): string {
  if (status === 'succeeded') return c.green(text);
  if (status === 'failed') return c.red(text);
  if (status === 'disabled' || status === 'cancelled') return c.yellow(text);
  return c.dim(text);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
