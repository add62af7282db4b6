// cli/commands: `lakec audit [RUN_ID] [--stage ID]`: every attempt of every stage of a run, from the
// run folder's `_audit.jsonl` (the source of truth; the metadata store holds a copy).
import { suggestName } from '../../../compiler/index.js';
import { AUDIT_FILE } from '../../control/audit-record.js';
import { readAuditFile } from '../../lake/read-audit-file.js';
import { resolveRun } from '../../lake/resolve-run.js';
import { colorFor } from '../ansi.js';
import { EXIT, type CliIo } from '../cli-io.js';
import type { CommonOptions } from '../main.js';
import { renderAuditJson, renderAuditText } from '../render-audit.js';
import { resolveLake } from './resolve-lake.js';

/**
 * Prints the audit log of a run (`runId`: a run id, `active`, or absent for the newest), only `stage`'s
 * records when given. Text: a table, messages cut to the terminal width on a TTY; `--json`: the records
 * as a JSON array (`[]` when the run has no audit log). A run without an audit log (older runs) or a
 * stage without records is reported, exit 0. LK6401 (exit 1) for an unknown run or a lake without runs.
 * Torn lines (a crash mid-append) are skipped and counted on stderr.
 */
export async function runAuditCommand(opts: CommonOptions, args: { runId?: string; stage?: string }, io: CliIo): Promise<number> {
  const lake = resolveLake(opts, io);
  if (!lake) return EXIT.diagnostics;
  const run = await resolveRun(lake, args.runId);
  const audit = await readAuditFile(run.dir);
  if (!audit) {
    if (opts.json) io.stdout.write('[]\n');
    (opts.json ? io.stderr : io.stdout).write(`run ${run.runId} has no audit log (${AUDIT_FILE}): it predates audit logging\n`);
    return EXIT.ok;
  }
  if (audit.skippedLines) io.stderr.write(`note: skipped ${audit.skippedLines} unreadable line(s) of ${AUDIT_FILE} (a write torn by a crash)\n`);
  const records = args.stage === undefined ? audit.records : audit.records.filter((r) => r.stage === args.stage);
  if (opts.json) {
    io.stdout.write(renderAuditJson(records));
    return EXIT.ok;
  }
  if (!records.length) {
    const stages = [...new Set(audit.records.map((r) => r.stage))];
    const hint = args.stage === undefined ? undefined : suggestName(args.stage, stages, 'stage');
    io.stdout.write(`run ${run.runId}: no audit records${args.stage === undefined ? '' : ` for stage "${args.stage}"`}${hint ? `; ${hint}` : ''}\n`);
    return EXIT.ok;
  }
  const width = io.stdout.isTTY ? (io.stdout as { columns?: number }).columns : undefined;
  io.stdout.write(`run ${run.runId}${run.active ? ' (active)' : ''}: ${records.length} audit record(s)${args.stage === undefined ? '' : ` of ${args.stage}`}\n`);
  io.stdout.write(renderAuditText(records, { color: colorFor(io.stdout, io.env), ...(width ? { width } : {}) }));
  return EXIT.ok;
}
