// fuzz/: `npm run fuzz`: runs every fuzzer (default 10,000 cases each) and prints, per fuzzer, its cases,
// results, coded diagnostics, unexpected outcomes and time; exits 1 when any case had an unexpected outcome.
// Each fuzzer runs in a child process (fuzz-child.ts) under a watchdog: a case that makes no progress for
// --hang-ms (a synchronous infinite loop cannot be interrupted in-process) or kills the process is a
// finding, and the fuzzer resumes at the next case.
//
// Options: --cases N, --seed S (default: random, printed), --only NAME[,NAME], --from I (first case index),
// --case-limit-ms MS (per-case limit in the child, default 5,000), --hang-ms MS (default 60,000).
// Reproduce a finding: npm run fuzz -- --only NAME --seed S --from I --cases 1
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChildMessage } from './fuzz-child.js';
import { countOutcome, emptyStats, type FuzzStats } from './fuzz-runner.js';
import { FUZZERS } from './fuzzers.js';

interface Settings { readonly cases: number; readonly seed: number; readonly from: number; readonly caseLimitMs: number; readonly hangMs: number }

/** Runs cases from..from+cases-1 of one fuzzer in children; after a hang or crash, counts that case as a finding and resumes after it. */
async function runInChildren(name: string, s: Settings): Promise<FuzzStats> {
  const total = emptyStats(name, s.seed, s.from);
  const started = performance.now();
  let next = s.from;
  const end = s.from + s.cases;
  while (next < end) {
    const stop = await runChild(name, s, next, end - next, total);
    if (stop === undefined) break;
    if (stop.at === undefined) throw new Error(`fuzzer ${name} failed before its first case: ${stop.problem}`);
    const repro = `(npm run fuzz -- --only ${name} --seed ${s.seed} --from ${stop.at} --cases 1)`;
    countOutcome(total, stop.at, { kind: 'unexpected', problem: stop.problem }, stop.ms, () => repro);
    next = stop.at + 1;
  }
  total.ms = performance.now() - started;
  return total;
}

/**
 * One child run from case `from`, counting its outcomes into `total`. Resolves undefined when it ran all
 * its cases, else with where it stopped: the case it was on when it made no progress for `hangMs` (it is
 * then killed) or when it exited without finishing.
 */
function runChild(name: string, s: Settings, from: number, cases: number, total: FuzzStats): Promise<{ at: number | undefined; problem: string; ms: number } | undefined> {
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(new URL('./fuzz-child.js', import.meta.url)), [name, String(s.seed), String(from), String(cases), String(s.caseLimitMs)], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    let at: number | undefined;
    let since = performance.now();
    let done = false;
    let hung = false;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-2000);
    });
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'case') {
        at = m.index;
        since = performance.now();
      } else if (m.type === 'outcome') {
        countOutcome(total, m.index, m.outcome, m.ms, () => m.input ?? '');
        at = undefined;
      } else done = true;
    });
    const watchdog = setInterval(() => {
      if (at !== undefined && performance.now() - since > s.hangMs) {
        hung = true;
        child.kill('SIGKILL');
      }
    }, 250);
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      const ms = performance.now() - since;
      if (done && code === 0) resolve(undefined);
      else if (hung) resolve({ at, problem: `hang: case ${at} made no progress for ${Math.round(ms)} ms (child killed)`, ms });
      else resolve({ at, problem: `crash: the process exited (${signal ?? `code ${code}`}) during case ${at}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`, ms });
    });
  });
}

function formatRow(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    cases: { type: 'string', default: '10000' }, seed: { type: 'string' }, only: { type: 'string' }, from: { type: 'string', default: '0' },
    'case-limit-ms': { type: 'string', default: '5000' }, 'hang-ms': { type: 'string', default: '60000' },
  } });
  const settings: Settings = {
    cases: Number(values.cases), seed: values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31), from: Number(values.from),
    caseLimitMs: Number(values['case-limit-ms']), hangMs: Number(values['hang-ms']),
  };
  const only = values.only?.split(',');
  const fuzzers = FUZZERS.filter((f) => !only || only.includes(f.name));
  if (!fuzzers.length) throw new Error(`no fuzzer named ${values.only}; fuzzers: ${FUZZERS.map((f) => f.name).join(', ')}`);
  process.stdout.write(`lakec fuzz: seed ${settings.seed}, ${settings.cases} cases per fuzzer from case ${settings.from}, per-case limit ${settings.caseLimitMs} ms, hang watchdog ${settings.hangMs} ms\n`);
  const all: FuzzStats[] = [];
  for (const f of fuzzers) {
    const stats = await runInChildren(f.name, settings);
    all.push(stats);
    const codes = Object.entries(stats.codes).sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${c}:${n}`).join(' ');
    process.stdout.write(`  ${f.name}: ${stats.cases} cases, ${stats.results} results, ${stats.diagnostics} coded diagnostics, ${stats.findings.length} unexpected, ${(stats.ms / 1000).toFixed(1)} s (slowest case ${Math.round(stats.slowestMs)} ms); codes ${codes}\n`);
    for (const finding of stats.findings) process.stdout.write(`    UNEXPECTED case ${finding.index}: ${finding.problem}\n      input: ${finding.input.replace(/\n/g, '\n      ')}\n`);
  }
  const widths = [8, 7, 8, 12, 11, 9, 8, 11];
  process.stdout.write(`\n${formatRow(['fuzzer', 'cases', 'results', 'diagnostics', 'unexpected', 'time s', 'ms/case', 'slowest ms'], widths)}\n`);
  for (const s of all) {
    process.stdout.write(`${formatRow([s.name, String(s.cases), String(s.results), String(s.diagnostics), String(s.findings.length), (s.ms / 1000).toFixed(1), (s.ms / Math.max(1, s.cases)).toFixed(1), String(Math.round(s.slowestMs))], widths)}\n`);
  }
  process.stdout.write('(time: wall clock per fuzzer, including starting its process and loading its fixtures)\n');
  if (all.some((s) => s.findings.length)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 2;
});
