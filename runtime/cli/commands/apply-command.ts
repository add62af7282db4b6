// cli/commands: `lakec apply [PLAN]`.
import { applyPlan, readPlanFile, type ApplyEvent, type ApplyResult } from '../../index.js';
import { loadProject, type Plan } from '../../../compiler/index.js';
import { createProgress, type Progress } from '../../progress/progress-display.js';
import { EXIT, type CliIo } from '../cli-io.js';
import { printDiagnostics, type CommonOptions } from '../main.js';
import { compileForCli } from './compile-for-cli.js';
import { routeAuditMessage } from '../../recovery/route-message.js';

/** Applies the compiled project (or a plan file) and prints the outcome. Exit 3 when the run failed. */
export async function runApplyCommand(opts: CommonOptions, args: { planFile?: string; memoryLimit?: string; full?: boolean; workers?: number; lockWaitMs?: number }, io: CliIo): Promise<number> {
  let plan: Plan;
  let lakeDir: string;
  if (args.planFile) {
    // The plan is the program; the project is read only for the lake root and source locations.
    const loaded = loadProject({ projectDir: opts.project, vars: opts.vars, env: io.env, ...(opts.lake ? { lakeDir: opts.lake } : {}) });
    if (printDiagnostics(io, loaded.diagnostics) || !loaded.value) return EXIT.diagnostics;
    plan = await readPlanFile(args.planFile);
    lakeDir = loaded.value.lakeDir;
  } else {
    const result = await compileForCli(opts, io);
    if (!result.ok || !result.plan || !result.project) return EXIT.diagnostics;
    plan = result.plan;
    lakeDir = result.project.lakeDir;
  }
  const reporter = eventPrinter(io, opts.json);
  const result = await applyPlan({
    plan, projectDir: opts.project, lakeDir, onEvent: reporter, requireBase: args.planFile !== undefined, env: io.env,
    ...(args.full ? { full: true } : {}), ...(args.memoryLimit ? { memoryLimit: args.memoryLimit } : {}),
    ...(args.workers !== undefined ? { workers: args.workers } : {}), ...(args.lockWaitMs !== undefined ? { lockWaitMs: args.lockWaitMs } : {}),
  });
  if (opts.json) io.stdout.write(JSON.stringify(summary(result), null, 2) + '\n');
  else printOutcome(io, result);
  // Lineage is reported, not load-bearing: an unreachable collector is a warning, never a failed run.
  for (const t of result.openlineage ?? []) {
    if (t.failed) io.stderr.write(`warning: openlineage ${t.transport}: ${t.failed} of ${t.sent + t.failed} event(s) not delivered to ${t.target}: ${t.error ?? 'unknown error'}\n`);
  }
  const unpublished = result.published?.some((p) => p.error) ?? false;
  return result.status === 'failed' || result.status === 'halted' || unpublished ? EXIT.runFailed : EXIT.ok;
}

function summary(r: ApplyResult) {
  return { ...(r.published ? { published: r.published } : {}), ...(r.openlineage ? { openlineage: r.openlineage } : {}), runId: r.runId, runDir: r.runDir, status: r.status, promoted: r.promoted, previousActive: r.previousActive, blocking: r.blocking.map((b) => b.id), error: r.error, datasets: r.manifest.datasets.map((d) => ({ name: d.name, layer: d.layer, rows: d.rows, build: d.build, from: d.from })) };
}

function printOutcome(io: CliIo, r: ApplyResult): void {
  const failedRules = r.manifest.validation?.results.filter((x) => !x.ok) ?? [];
  for (const rule of failedRules) io.stdout.write(`  ${rule.severity.padEnd(5)} ${rule.check}: ${rule.details}\n`);
  if (r.error) printDiagnostics(io, [r.error]);
  if (r.status === 'unchanged') {
    io.stdout.write(`no changes: active run ${r.runId} already holds this plan over the same source files; nothing to apply\n`);
  } else if (r.status === 'succeeded') {
    const rows = r.manifest.datasets.reduce((n, d) => n + d.rows, 0);
    const reused = r.manifest.datasets.filter((d) => d.build === 'reused').length;
    const builtNote = reused ? ` (${r.manifest.datasets.length - reused} built, ${reused} reused from earlier runs)` : '';
    io.stdout.write(`run ${r.runId} succeeded: ${r.manifest.datasets.length} datasets${builtNote}, ${rows.toLocaleString('en-US')} rows, ${((r.manifest.durationMs ?? 0) / 1000).toFixed(1)} s\n`);
    const sched = r.manifest.schedule;
    if (sched) io.stdout.write(`schedule: ${sched.profile}${sched.profileChanges.length ? ` (then ${sched.profileChanges.map((c) => c.profile).join(', ')})` : ''}, ${sched.workers} workers, stages done in ${(sched.makespanMs / 1000).toFixed(1)} s\n`);
    for (const step of r.manifest.steps) if (step.route) io.stdout.write(`recovery: ${step.id} ${routeAuditMessage(step.route)}\n`);
    io.stdout.write(`promoted: active -> _runs/${r.runId}${r.previousActive ? ` (was ${r.previousActive}; lakec rollback restores it)` : ''}\n`);
  } else if (r.status === 'halted') {
    io.stdout.write(`run ${r.runId} halted by kill switch: ${r.manifest.halt?.reason ?? ''}; not promoted, active unchanged${r.previousActive ? ` (still ${r.previousActive})` : ''}\n`);
  } else {
    io.stdout.write(`run ${r.runId} failed${r.manifest.errorCode ? ` (${r.manifest.errorCode})` : ''}; active unchanged${r.previousActive ? ` (still ${r.previousActive})` : ''}\n`);
  }
}

/**
 * Renders apply events on stderr: a live progress line for an ingest on a terminal (one at a time:
 * ingests running beside it get plain lines), plain lines otherwise.
 */
function eventPrinter(io: CliIo, quiet: boolean): (e: ApplyEvent) => void {
  const out = io.stderr;
  const isTTY = out.isTTY === true;
  const progressOf = new Map<string, Progress>();
  let live: string | undefined;
  return (e) => {
    if (quiet) return;
    switch (e.type) {
      case 'run-start':
        out.write(`run ${e.runId}\n`);
        break;
      case 'step-start':
        if (e.step.kind === 'ingest') {
          // In logs (no terminal) say when a long ingest starts; a terminal shows the live line instead.
          const tty = isTTY && live === undefined;
          if (tty) live = e.step.id;
          else out.write(`  start ${e.step.id}\n`);
          progressOf.set(e.step.id, createProgress({ stream: out, isTTY: tty, label: e.step.id }));
        }
        break;
      case 'ingest-progress':
        progressOf.get(e.step.id)?.update(e.counts);
        break;
      case 'step-end': {
        const r = e.result;
        const progress = progressOf.get(e.step.id);
        if (progress) {
          if (r.status === 'succeeded' || r.status === 'reused') progress.done();
          else progress.fail(r.errorCode ?? r.error?.code ?? r.status);
          progressOf.delete(e.step.id);
          if (live === e.step.id) live = undefined;
        } else {
          const mark = r.status === 'succeeded' ? 'ok  ' : r.status === 'reused' ? 'same' : r.status === 'failed' ? 'FAIL' : r.status.toUpperCase();
          out.write(`  ${mark} ${e.step.id}${r.rows !== undefined ? `  ${r.rows.toLocaleString('en-US')} rows` : ''}${r.durationMs !== undefined ? `  ${(r.durationMs / 1000).toFixed(2)} s` : ''}${r.reason ? `  (${r.reason})` : ''}\n`);
        }
        break;
      }
      case 'validated': {
        const failed = e.results.filter((r) => !r.ok);
        out.write(`validation: ${e.results.length - failed.length}/${e.results.length} rules passed\n`);
        break;
      }
      case 'audit': {
        const a = e.record;
        if (a.status !== 'failed') break;
        const then = a.healing_action ? ` -> ${a.healing_action}: ${a.healing_outcome}${a.healing_detail ? ` (${a.healing_detail})` : ''}` : '';
        const retry = a.retry_delay_ms !== null ? `; retrying in ${(a.retry_delay_ms / 1000).toFixed(1)} s` : '';
        out.write(`  attempt ${a.attempt} of ${a.stage} failed: ${a.error_code} (${a.transient ? 'transient' : 'permanent'}) ${a.message ?? ''}${then}${retry}\n`);
        break;
      }
      case 'lock-wait': {
        const w = e.attempt;
        const then = w.waitingMs !== undefined ? `waiting up to ${(w.waitingMs / 1000).toFixed(1)} s for it`
          : w.healing ? `${w.healing.action}: ${w.healing.result.outcome} (${w.healing.result.detail})` : `retrying in ${((w.retryDelayMs ?? 0) / 1000).toFixed(1)} s`;
        out.write(`lake locked: ${w.message}; ${then}\n`);
        break;
      }
      case 'aborted-runs':
        out.write(`marked aborted (interrupted earlier, never promoted): ${e.runIds.join(', ')}\n`);
        break;
      case 'promoted':
        break;
      case 'published': {
        const p = e.publication;
        if (p.error) out.write(`publish ${p.target}: FAILED ${p.error.code}: ${p.error.message} (the run stays promoted; the next lakec apply publishes again)\n`);
        else out.write(`publish ${p.target}: ${p.tables.map((t) => `${t.dataset} ${t.skipped ? 'current' : `${t.rows.toLocaleString('en-US')} rows`}`).join(', ')}\n`);
        break;
      }
    }
  };
}
