// Crash harness: SIGKILLs `lakec apply --full` (the built CLI, a child process) on the example project over
// the real Discogs samples (and the real Chinook CSV files, or Discogs alone), at random instants aimed
// at each phase, and checks after every kill and every recovery apply that nothing published or earlier was lost or changed.
//
// A history: a fresh temp root holding a copy of the project, the lake, and the children's HOME and
// TMPDIR. Set up with uninterrupted applies, so every kill meets earlier promoted runs: the first apply,
// optionally one after a gold model was edited (80 datasets hard-linked from the first run, 1 rebuilt),
// and a `--full` apply whose phase timings aim the kills. Then each kill: a `--full` apply (so it really
// rebuilds everything), killed `U(0, d)` ms after the aimed phase began, d being that phase's duration in
// the timing apply (shrunk while kills aimed at it overshoot it; the phase actually hit is recorded from
// the evidence the process left, see apply-phases.ts). After the kill the invariants of lake-invariants.ts are checked against the snapshot
// taken just before it, plus: the project folder (bar the compile cache `.lakec/`) and HOME unchanged,
// nothing new beside the project, lake and TMPDIR. Every `recoverEvery` kills a plain apply runs: it must
// exit 0, leave no run `running` or without a manifest (the interrupted ones now `aborted`), change no
// run beyond that, and release the lake lock.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseDocument } from 'yaml';
import { join } from 'node:path';
import { lakeLayout, MANIFEST_FILE, type LakeLayout } from '../../runtime/lake/lake-layout.js';
import { readManifest } from '../../runtime/lake/manifest.js';
import { builtLakec } from '../support/dist-bin.js';
import { treeDigest } from '../support/lake-snapshot.js';
import { CHINOOK_DATA, DISCOGS_SAMPLES, REPO } from '../support/paths.js';
import { mulberry32 } from '../support/synthetic-dag.js';
import { APPLY_PHASES, type ApplyPhase, type PlanSteps } from './apply-phases.js';
import { checkActive, compareSnapshots, snapshotLake, wasInterrupted, type LakeSnapshot } from './lake-invariants.js';
import { activeTargetOf, observeApply, type ApplyObservation, type KillAim } from './observe-apply.js';

/** How a campaign runs. */
export interface CampaignOptions {
  /** Kills to perform in all (a kill that came after the apply had exited counts as missed, not as a kill). */
  readonly kills: number;
  /** A fresh history every this many kills. */
  readonly killsPerHistory: number;
  /** A recovery apply after every this many kills (and after the last one of each history). */
  readonly recoverEvery: number;
  /** Phases aimed at, in turn. */
  readonly aims: readonly ApplyPhase[];
  readonly seed: number;
  /**
   * Whether each history also applies a gold model edit before the timing apply (one more promoted run,
   * sharing 80 of its 81 datasets' files with the first by hard link). Off: two promoted runs.
   */
  readonly editModel: boolean;
  /**
   * `both`: the example project as it is, Chinook read from the real CSV files (CHINOOK_DATA);
   * `discogs`: its Discogs pipeline alone (about half the CPU per apply, for the reduced schedule).
   */
  readonly pipelines: 'both' | 'discogs';
  /** Progress lines (one per kill). */
  readonly log?: (line: string) => void;
}

/** One kill. Times are ms since the apply was spawned. */
export interface KillRecord {
  readonly history: number;
  readonly aim: KillAim;
  readonly killAtMs?: number;
  /** Where it landed; `exited` when the apply had already exited (a missed kill). */
  readonly landed: ApplyPhase | 'exited';
  readonly runId?: string;
}

/** What a campaign did and found. Durations in ms. */
export interface CampaignSummary {
  readonly seed: number;
  readonly histories: number;
  readonly kills: number;
  readonly missed: number;
  readonly records: readonly KillRecord[];
  readonly recoveries: number;
  /** Runs marked aborted (by recovery applies or by later killed applies) at the end of each history. */
  readonly abortedRuns: number;
  readonly violations: readonly string[];
  readonly timings: {
    readonly totalMs: number;
    readonly setupMs: readonly number[];
    /** The timing apply of each history: when each phase began. */
    readonly phaseStarts: readonly Partial<Record<ApplyPhase, number>>[];
    readonly killedApplyMs: readonly number[];
    readonly checkMs: readonly number[];
    readonly recoveryMs: readonly number[];
  };
}

/** The gold model edited between the first two applies (an ORDER BY: new fingerprint, same rows). */
const EDITED_MODEL = join('specs', 'discogs', 'models', 'gold', 'genre_release_counts.sql');
const ORDER = 'ORDER BY release_count DESC, gr.genre';

/** Runs the campaign; violations are collected, not thrown. @throws Error when a history cannot be set up. */
export async function runCrashCampaign(options: CampaignOptions): Promise<CampaignSummary> {
  const started = performance.now();
  const bin = builtLakec();
  const random = mulberry32(options.seed);
  const records: KillRecord[] = [];
  const violations: string[] = [];
  const timings = { setupMs: [] as number[], phaseStarts: [] as Partial<Record<ApplyPhase, number>>[], killedApplyMs: [] as number[], checkMs: [] as number[], recoveryMs: [] as number[] };
  const samples = treeDigest(DISCOGS_SAMPLES);
  let recoveries = 0;
  let abortedRuns = 0;
  let history = 0;
  while (records.filter((r) => r.landed !== 'exited').length < options.kills) {
    history++;
    const h = await History.create(bin, options, timings);
    try {
      /** Per aimed phase: the share of its timed duration a kill's delay is drawn from (see below). */
      const reach = new Map<ApplyPhase, number>();
      let inHistory = 0;
      let sinceRecovery = 0;
      while (inHistory < options.killsPerHistory && records.filter((r) => r.landed !== 'exited').length < options.kills) {
        const aimed = options.aims[records.length % options.aims.length]!;
        const aim: KillAim = { anchor: aimed, delayMs: Math.round(random() * h.durationOf(aimed) * (reach.get(aimed) ?? 1)) };
        const before = h.snapshot;
        const obs = await h.apply(['--full'], aim);
        timings.killedApplyMs.push(obs.durationMs);
        const landed = obs.killed ? obs.phase : 'exited';
        // Phases vary in length from apply to apply (the order stages finish in, the machine's load): a
        // kill that overshot its phase halves how far into the phase the next one may reach.
        const overshot = landed === 'exited' || APPLY_PHASES.indexOf(landed) > APPLY_PHASES.indexOf(aimed);
        reach.set(aimed, overshot ? (reach.get(aimed) ?? 1) / 2 : Math.min(1, (reach.get(aimed) ?? 1) * 1.25));
        const record: KillRecord = { history, aim, landed, ...(obs.killAtMs !== undefined ? { killAtMs: Math.round(obs.killAtMs) } : {}), ...(obs.runId ? { runId: obs.runId } : {}) };
        records.push(record);
        const where = `history ${history}, kill ${records.length} (aimed ${aim.anchor}+${aim.delayMs} ms, landed ${landed})`;
        if (!obs.killed && obs.exitCode !== 0) violations.push(`${where}: the apply failed on its own (exit ${obs.exitCode}): ${obs.stderr.slice(-500)}`);
        const t = performance.now();
        const after = await snapshotLake(h.lake);
        violations.push(...[...compareSnapshots(before, after), ...(await checkActive(h.lake, false)), ...h.outsideViolations()].map((v) => `${where}: ${v}`));
        timings.checkMs.push(performance.now() - t);
        h.snapshot = after;
        if (obs.killed) inHistory++;
        sinceRecovery++;
        options.log?.(`${where}${obs.killAtMs !== undefined ? ` at ${Math.round(obs.killAtMs)} ms` : ''}`);
        if (sinceRecovery >= options.recoverEvery || inHistory >= options.killsPerHistory || records.filter((r) => r.landed !== 'exited').length >= options.kills) {
          sinceRecovery = 0;
          recoveries++;
          const r = await h.recover();
          timings.recoveryMs.push(r.durationMs);
          violations.push(...r.violations.map((v) => `history ${history}, recovery after kill ${records.length}: ${v}`));
        }
      }
      abortedRuns += [...h.snapshot.runs.values()].filter((r) => r.status === 'aborted').length;
    } finally {
      h.remove();
    }
  }
  const samplesAfter = treeDigest(DISCOGS_SAMPLES);
  if (JSON.stringify(samplesAfter) !== JSON.stringify(samples)) violations.push('the Discogs sample dumps changed');
  const kills = records.filter((r) => r.landed !== 'exited').length;
  return { seed: options.seed, histories: history, kills, missed: records.length - kills, records, recoveries, abortedRuns, violations, timings: { totalMs: performance.now() - started, ...timings } };
}

/** The example pipelines.yaml without the Chinook pipeline and its system's throttle. */
function discogsOnly(): string {
  const doc = parseDocument(readFileSync(join(REPO, 'pipelines.yaml'), 'utf8'));
  doc.deleteIn(['pipelines', 'chinook']);
  doc.deleteIn(['schedule', 'systems', 'chinook-oltp']);
  return doc.toString();
}

/** One temp root with a project copy, a lake with earlier promoted runs, and the children's HOME/TMPDIR. */
class History {
  snapshot!: LakeSnapshot;
  private steps!: PlanSteps;
  private phaseStarts!: Partial<Record<ApplyPhase, number>>;
  private timingEndMs = 0;
  private projectDigest!: string;
  private constructor(
    private readonly bin: string, readonly root: string, readonly project: string, readonly lake: LakeLayout,
    private readonly env: NodeJS.ProcessEnv, private readonly home: string, private readonly vars: readonly string[],
  ) {}

  static async create(bin: string, options: Pick<CampaignOptions, 'editModel' | 'pipelines'>, timings: { setupMs: number[]; phaseStarts: Partial<Record<ApplyPhase, number>>[] }): Promise<History> {
    const t = performance.now();
    const root = mkdtempSync(join(tmpdir(), 'lakec-crash-'));
    const project = join(root, 'project');
    const home = join(root, 'home');
    const tmp = join(root, 'tmp');
    for (const d of [project, home, tmp]) mkdirSync(d);
    writeFileSync(join(project, 'pipelines.yaml'), options.pipelines === 'both' ? readFileSync(join(REPO, 'pipelines.yaml'), 'utf8') : discogsOnly());
    cpSync(join(REPO, 'specs'), join(project, 'specs'), { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, TMPDIR: tmp, NO_COLOR: '1' };
    for (const k of ['LAKEC_LAKE', 'DISCOGS_DUMP_DIR', 'CHINOOK_SOURCE', 'CHINOOK_CSV_DIR']) delete env[k];
    const vars = ['--var', `discogs_dump_dir=${DISCOGS_SAMPLES}`, ...(options.pipelines === 'both' ? ['--var', `chinook_csv_dir=${CHINOOK_DATA}`] : [])];
    const h = new History(bin, root, project, lakeLayout(join(root, 'lake')), env, home, vars);
    try {
      // Steps are unknown before the first run: it is observed with an empty step list (phases unused).
      h.steps = { ingest: new Set(), total: Infinity };
      await h.mustSucceed([], 'first apply');
      const m = (await readManifest(join(h.lake.active, MANIFEST_FILE)))!;
      h.steps = { ingest: new Set(m.steps.filter((s) => s.kind === 'ingest').map((s) => s.id)), total: m.steps.length };
      if (options.editModel) {
        const model = join(project, EDITED_MODEL);
        const sql = readFileSync(model, 'utf8');
        if (!sql.includes(ORDER)) throw new Error(`${EDITED_MODEL} no longer ends with "${ORDER}": update the crash harness`);
        writeFileSync(model, sql.replace(ORDER, `${ORDER} DESC`));
        await h.mustSucceed([], 'apply after a model edit');
      }
      const timing = await h.mustSucceed(['--full'], 'timing apply (--full)');
      h.phaseStarts = timing.began;
      h.timingEndMs = timing.durationMs;
      timings.phaseStarts.push(timing.began);
      h.projectDigest = JSON.stringify(treeDigest(project, ['.lakec']));
      h.snapshot = await snapshotLake(h.lake);
      timings.setupMs.push(performance.now() - t);
      return h;
    } catch (e) {
      h.remove();
      throw e;
    }
  }

  /** How long `phase` lasted in the timing apply, ms (at least 1). */
  durationOf(phase: ApplyPhase): number {
    const start = this.phaseStarts[phase];
    if (start === undefined) return 1;
    const later = APPLY_PHASES.slice(APPLY_PHASES.indexOf(phase) + 1).map((p) => this.phaseStarts[p]).find((v) => v !== undefined);
    return Math.max(1, (later ?? this.timingEndMs) - start);
  }

  apply(extra: readonly string[], kill?: KillAim): Promise<ApplyObservation> {
    const args = [this.bin, 'apply', '--project', this.project, '--lake', this.lake.root, ...this.vars, ...extra];
    return observeApply({ args, cwd: this.project, env: this.env, lake: this.lake, steps: this.steps, ...(kill ? { kill } : {}) });
  }

  private async mustSucceed(extra: readonly string[], what: string): Promise<ApplyObservation> {
    const obs = await this.apply(extra);
    if (obs.exitCode !== 0) throw new Error(`crash harness setup: ${what} exited ${obs.exitCode}: ${obs.stderr.slice(-1000)}`);
    return obs;
  }

  /** Writes outside the lake and TMPDIR: the project (bar its compile cache), HOME, the temp root. */
  outsideViolations(): string[] {
    const out: string[] = [];
    if (JSON.stringify(treeDigest(this.project, ['.lakec'])) !== this.projectDigest) out.push('the project folder changed');
    if (readdirSync(this.home).length) out.push(`HOME got ${readdirSync(this.home).join(', ')}`);
    const extra = readdirSync(this.root).filter((n) => !['project', 'lake', 'home', 'tmp'].includes(n));
    if (extra.length) out.push(`new entries beside the lake: ${extra.join(', ')}`);
    return out;
  }

  /** The next plain apply after kills: must succeed and leave every interrupted run aborted. */
  async recover(): Promise<{ durationMs: number; violations: string[] }> {
    const before = this.snapshot;
    const obs = await this.apply([]);
    const violations: string[] = [];
    if (obs.exitCode !== 0) violations.push(`recovery apply exited ${obs.exitCode}: ${obs.stderr.slice(-800)}`);
    const after = await snapshotLake(this.lake);
    violations.push(...compareSnapshots(before, after), ...(await checkActive(this.lake, false)), ...this.outsideViolations());
    for (const [id, run] of after.runs) {
      if (wasInterrupted(run)) violations.push(`run ${id} is still ${run.status ?? 'without a manifest'} after the recovery apply`);
    }
    if (existsSync(this.lake.lockFile)) violations.push('the lake lock is still held after the recovery apply exited');
    if (!activeTargetOf(this.lake)) violations.push('active is missing after the recovery apply');
    this.snapshot = after;
    return { durationMs: obs.durationMs, violations };
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The campaign as text: kills, instants by phase, recoveries, timings and every violation. */
export function formatSummary(s: CampaignSummary, aims: readonly ApplyPhase[]): string {
  const count = (key: (r: KillRecord) => string) => {
    const m = new Map<string, number>();
    for (const r of s.records) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const aimed = count((r) => r.aim.anchor);
  const landed = count((r) => r.landed);
  const order = [...APPLY_PHASES, 'exited'];
  const list = (m: Map<string, number>) => order.filter((p) => m.has(p)).map((p) => `${p} ${m.get(p)}`).join(', ');
  const mean = (xs: readonly number[]) => (xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length / 1000).toFixed(2) : '-');
  const instants = APPLY_PHASES.map((p) => {
    const at = s.records.filter((r) => r.landed === p && r.killAtMs !== undefined).map((r) => r.killAtMs!).sort((a, b) => a - b);
    return at.length ? `  ${p.padEnd(10)} ${at.length} kill(s) at ${at.join(', ')} ms` : '';
  }).filter(Boolean);
  const phaseStarts = s.timings.phaseStarts.map((b, i) => `  history ${i + 1}: ${APPLY_PHASES.filter((p) => b[p] !== undefined).map((p) => `${p} ${Math.round(b[p]!)}`).join(', ')} ms`);
  return [
    `crash harness: ${s.kills} kills (${s.missed} missed: the apply had exited), ${s.histories} histories, ${s.recoveries} recovery applies, seed ${s.seed}, ${(s.timings.totalMs / 1000).toFixed(1)} s`,
    `aimed at (in turn: ${aims.join(', ')}): ${list(aimed)}`,
    `landed in: ${list(landed)}`,
    'kill instants by landed phase (ms after spawn):',
    ...instants,
    'phase starts of each history\'s timing apply (ms after spawn):',
    ...phaseStarts,
    `runs marked aborted: ${s.abortedRuns}`,
    `timings: setup per history ${mean(s.timings.setupMs)} s, killed apply ${mean(s.timings.killedApplyMs)} s, checks after a kill ${mean(s.timings.checkMs)} s, recovery apply ${mean(s.timings.recoveryMs)} s (means)`,
    `violations: ${s.violations.length}`,
    ...s.violations.map((v) => `  ${v}`),
  ].join('\n');
}
