// fuzz/: runs one fuzzer's cases in this process and counts their outcomes. Case i of seed s is always the
// same input (inputs are drawn in batches, each with its own seed), so a finding is reproduced from
// (fuzzer, seed, index) alone: `npm run fuzz -- --only NAME --seed S --from I --cases 1`.
import fc from 'fast-check';
import { outcomeOf, type Outcome } from './fuzz-outcome.js';

/** An opened fuzzer: fixtures loaded, ready to run cases. */
export interface FuzzSession<T> {
  /** Generates one case. */
  readonly arbitrary: fc.Arbitrary<T>;
  /** Feeds `input` to the front end and classifies what happened (see fuzz-outcome.ts); must not throw. */
  run(input: T): Promise<Outcome>;
  /** A short human-readable account of `input` (which base, which mutations), for reports. */
  describe(input: T): string;
  /** Removes temporary files and closes engines. */
  close(): Promise<void>;
}

/** A fuzzer of one front end. */
export interface FuzzTarget<T = unknown> {
  /** Short name used by `--only` and in reports, e.g. `xml`. */
  readonly name: string;
  /** Loads fixtures (real specs, samples, compiled plans) and returns a session. */
  open(): Promise<FuzzSession<T>>;
}

/** Options of {@link runFuzzer}. */
export interface FuzzRunOptions {
  /** Seed of the campaign (32-bit integer). */
  readonly seed: number;
  /** Number of cases to run. */
  readonly cases: number;
  /** Index of the first case (to resume after a hang). Default 0. */
  readonly from?: number;
  /**
   * Per-case time limit, milliseconds. A case still pending after it counts as a hang (async work is
   * abandoned); a synchronous case that returns later counts as too slow. Default 5,000.
   */
  readonly caseLimitMs?: number;
  /** Called before each case with its index (the watchdog in run-fuzz.ts uses it). */
  readonly onCase?: (index: number) => void;
  /** Called after each case with its outcome, time and (when unexpected) the input's description. */
  readonly onOutcome?: (index: number, outcome: Outcome, ms: number, input: string | undefined) => void;
}

/** A case whose outcome was neither a result nor a coded diagnostic, or that took too long. */
export interface FuzzFinding {
  readonly index: number;
  readonly problem: string;
  /** describe(input), cut to 2,000 characters. */
  readonly input: string;
  readonly ms: number;
}

/** Counts of one run of one fuzzer. */
export interface FuzzStats {
  readonly name: string;
  readonly seed: number;
  readonly from: number;
  cases: number;
  results: number;
  diagnostics: number;
  /** Error codes seen, with how many cases reported each. */
  readonly codes: Record<string, number>;
  readonly findings: FuzzFinding[];
  /** Wall time of the cases, milliseconds (fixture loading excluded). */
  ms: number;
  slowestMs: number;
}

const BATCH = 50;

/** Seed of the batch holding case `index` of campaign `seed`. */
function batchSeed(seed: number, batch: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(batch + 1, 0x85ebca6b)) | 0;
}

/** The cases of batch `batch` of campaign `seed`: cases BATCH*batch … BATCH*batch+BATCH-1. */
function batchOf<T>(arbitrary: fc.Arbitrary<T>, seed: number, batch: number): T[] {
  return fc.sample(arbitrary, { seed: batchSeed(seed, batch), numRuns: BATCH });
}

/** Case `index` of campaign `seed` (the same value on every call), e.g. to turn a finding into a regression case. */
export function fuzzCase<T>(arbitrary: fc.Arbitrary<T>, seed: number, index: number): T {
  return batchOf(arbitrary, seed, Math.floor(index / BATCH))[index % BATCH]!;
}

async function withLimit(run: Promise<Outcome>, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'unexpected', problem: `no outcome within ${ms} ms (hang)` }), ms);
  });
  try {
    return await Promise.race([run, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Counts of nothing yet. */
export function emptyStats(name: string, seed: number, from: number): FuzzStats {
  return { name, seed, from, cases: 0, results: 0, diagnostics: 0, codes: {}, findings: [], ms: 0, slowestMs: 0 };
}

/** Adds case `index` to `stats`; `input` (called only for an unexpected outcome) describes the case. */
export function countOutcome(stats: FuzzStats, index: number, outcome: Outcome, ms: number, input: () => string): void {
  stats.cases++;
  stats.slowestMs = Math.max(stats.slowestMs, ms);
  if (outcome.kind === 'result') stats.results++;
  else if (outcome.kind === 'diagnostic') {
    stats.diagnostics++;
    for (const code of outcome.codes) stats.codes[code] = (stats.codes[code] ?? 0) + 1;
  } else {
    stats.findings.push({ index, problem: outcome.problem, input: input().slice(0, 2000), ms });
  }
}

/**
 * Runs cases `from … from+cases-1` of `session` and counts outcomes. Never throws for a case: every
 * unexpected outcome becomes a finding. Synchronous infinite loops cannot be interrupted here; run-fuzz.ts
 * runs each fuzzer in a child process with a watchdog for those.
 */
export async function runFuzzer<T>(name: string, session: FuzzSession<T>, options: FuzzRunOptions): Promise<FuzzStats> {
  const from = options.from ?? 0;
  const limit = options.caseLimitMs ?? 5000;
  const stats = emptyStats(name, options.seed, from);
  const started = performance.now();
  let batch = -1;
  let inputs: T[] = [];
  for (let index = from; index < from + options.cases; index++) {
    if (Math.floor(index / BATCH) !== batch) {
      batch = Math.floor(index / BATCH);
      inputs = batchOf(session.arbitrary, options.seed, batch);
    }
    const input = inputs[index % BATCH]!;
    options.onCase?.(index);
    const t0 = performance.now();
    let outcome = await withLimit(outcomeOf(() => session.run(input)), limit);
    const ms = performance.now() - t0;
    if (outcome.kind !== 'unexpected' && ms > limit) outcome = { kind: 'unexpected', problem: `took ${Math.round(ms)} ms (limit ${limit} ms)` };
    countOutcome(stats, index, outcome, ms, () => session.describe(input));
    options.onOutcome?.(index, outcome, ms, outcome.kind === 'unexpected' ? stats.findings[stats.findings.length - 1]!.input : undefined);
  }
  stats.ms = performance.now() - started;
  return stats;
}

/** A fuzzer whose case type is hidden, so fuzzers of different inputs fit in one list. */
export interface Fuzzer {
  readonly name: string;
  /** Opens the fuzzer, runs the cases (see runFuzzer) and closes it. */
  run(options: FuzzRunOptions): Promise<FuzzStats>;
}

/** `target` as a {@link Fuzzer}. */
export function fuzzer<T>(target: FuzzTarget<T>): Fuzzer {
  return {
    name: target.name,
    async run(options) {
      const session = await target.open();
      try {
        return await runFuzzer(target.name, session, options);
      } finally {
        await session.close();
      }
    },
  };
}
