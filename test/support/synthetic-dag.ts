// Test-only: seeded synthetic stage DAGs for the scheduling simulator. Layered like a lakehouse
// (sources -> bronze -> silver -> gold): most stages read one or two stages of the layer before,
// near their own position, so lineage stays local; a few join across the DAG.
import type { Priority, ScheduleTask, SystemThrottle } from '../../runtime/schedule/schedule-types.js';
import { analyzeTasks } from '../../runtime/schedule/task-ranks.js';

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shape of a synthetic DAG; everything but the seed has a default. */
export interface SyntheticOptions {
  readonly seed: number;
  /** Stages (default 300). */
  readonly stages?: number;
  /** Layers (default 8). */
  readonly layers?: number;
  /** Systems (default 3..5 by seed). */
  readonly systems?: number;
  /** Share of critical stages (default 0.05); they sit in the deeper half of the DAG. */
  readonly criticalShare?: number;
  /** Share of stages with a deadline (default 0). */
  readonly deadlineShare?: number;
}

/** Stages and the throttles of their systems. */
export interface SyntheticDag {
  readonly tasks: ScheduleTask[];
  readonly throttles: SystemThrottle[];
}

/** A seeded synthetic DAG with throttled systems; the same options give the same DAG. */
export function syntheticDag(options: SyntheticOptions): SyntheticDag {
  const rnd = mulberry32(options.seed);
  const n = options.stages ?? 300;
  const layers = options.layers ?? 8;
  const systemCount = options.systems ?? 3 + Math.floor(rnd() * 3);
  const throttles: SystemThrottle[] = [];
  for (let s = 0; s < systemCount; s++) {
    const name = `sys-${String.fromCharCode(97 + s)}`;
    const kind = rnd();
    throttles.push({
      name,
      maxConcurrent: 2 + Math.floor(rnd() * 3),
      ...(kind < 0.4 ? { rowsPerSecond: 50_000 + Math.round(rnd() * 150_000) } : {}),
      ...(kind >= 0.4 && kind < 0.7 ? { bytesPerSecond: 20e6 + Math.round(rnd() * 60e6) } : {}),
      burstSeconds: 0.5,
    });
  }
  const perLayer = Math.ceil(n / layers);
  const tasks: ScheduleTask[] = [];
  const ids: string[][] = [];
  for (let i = 0; i < n; i++) {
    const layer = Math.floor(i / perLayer);
    const pos = i % perLayer;
    const id = `l${layer}-${String(pos).padStart(3, '0')}`;
    (ids[layer] ??= []).push(id);
    const dependsOn = layer === 0 ? [] : parents(rnd, ids, layer, pos, perLayer);
    const primary = throttles[Math.floor(rnd() * systemCount)]!;
    const second = rnd() < 0.3 ? throttles[Math.floor(rnd() * systemCount)]! : undefined;
    const systems = [...new Set([primary.name, ...(second ? [second.name] : [])])];
    const durationMs = Math.round(Math.min(120_000, Math.max(100, Math.exp(Math.log(4000) + normal(rnd)))));
    const rate = Math.min(...systems.map((s) => rowsRate(throttles.find((t) => t.name === s)!)));
    const load = rnd() < 0.1 ? 1 + rnd() : 0.05 + rnd() * 0.45;
    const rows = Math.round((durationMs / 1000) * rate * load);
    const bytes = rows * (100 + Math.round(rnd() * 300));
    tasks.push({ id, dependsOn, priority: priority(rnd, layer, layers, options.criticalShare ?? 0.05), systems, estimate: { durationMs, rows, bytes } });
  }
  if (options.deadlineShare) {
    for (const [i, t] of tasks.entries()) {
      if (rnd() < options.deadlineShare) tasks[i] = { ...t, deadlineMs: Math.round(20_000 + rnd() * 60_000) };
    }
  }
  return { tasks, throttles };
}

/** Rows/s a system admits (for bytes-limited systems, rows at 250 bytes each; unlimited: 100k). */
function rowsRate(t: SystemThrottle): number {
  return t.rowsPerSecond ?? (t.bytesPerSecond ? t.bytesPerSecond / 400 : 100_000);
}

function parents(rnd: () => number, ids: string[][], layer: number, pos: number, perLayer: number): string[] {
  const count = rnd() < 0.65 ? 1 : rnd() < 0.85 ? 2 : 3;
  const out = new Set<string>();
  for (let k = 0; k < count; k++) {
    const from = rnd() < 0.85 ? layer - 1 : Math.floor(rnd() * layer);
    const row = ids[from]!;
    const near = rnd() < 0.9 ? Math.round((pos / perLayer) * row.length + (rnd() - 0.5) * 6) : Math.floor(rnd() * row.length);
    out.add(row[Math.min(row.length - 1, Math.max(0, near))]!);
  }
  return [...out].sort();
}

function priority(rnd: () => number, layer: number, layers: number, criticalShare: number): Priority {
  const r = rnd();
  if (layer >= layers / 2 && r < criticalShare * 2) return 'critical';
  if (r < 0.2) return 'high';
  if (r < 0.8) return 'normal';
  return 'low';
}

/** Standard normal draw (Box-Muller). */
function normal(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** Peak demand of the critical closure when every closure stage runs at its ASAP time and solo bound. */
export interface ClosureDemand {
  readonly workers: number;
  /** Per system: peak closure stages running at once. */
  readonly slots: ReadonlyMap<string, number>;
  /** Per rate-limited system: peak summed rate share (1 = the whole rate limit). */
  readonly share: ReadonlyMap<string, number>;
}

/** The closure's ASAP demand profile peaks (workers, slots and rate share per system). */
export function closureDemand(tasks: readonly ScheduleTask[], throttles: readonly SystemThrottle[]): ClosureDemand {
  const g = analyzeTasks(tasks, throttles);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const limits = new Map(throttles.map((t) => [t.name, t]));
  const events: { at: number; sign: number; id: string }[] = [];
  for (const id of g.criticalClosure) {
    const from = g.topLevelMs.get(id)!;
    const to = from + g.soloMs.get(id)!;
    if (to > from) events.push({ at: from, sign: 1, id }, { at: to, sign: -1, id });
  }
  events.sort((a, b) => a.at - b.at || a.sign - b.sign || (a.id < b.id ? -1 : 1));
  let w = 0;
  let workers = 0;
  const slots = new Map<string, number>();
  const share = new Map<string, number>();
  const nowSlots = new Map<string, number>();
  const nowShare = new Map<string, number>();
  for (const { sign, id } of events) {
    w += sign;
    workers = Math.max(workers, w);
    const task = byId.get(id)!;
    const seconds = g.soloMs.get(id)! / 1000;
    for (const s of new Set(task.systems)) {
      nowSlots.set(s, (nowSlots.get(s) ?? 0) + sign);
      slots.set(s, Math.max(slots.get(s) ?? 0, nowSlots.get(s)!));
      const t = limits.get(s);
      const r = Math.max(t?.rowsPerSecond ? task.estimate.rows / seconds / t.rowsPerSecond : 0, t?.bytesPerSecond ? task.estimate.bytes / seconds / t.bytesPerSecond : 0);
      if (r === 0) continue;
      nowShare.set(s, (nowShare.get(s) ?? 0) + sign * r);
      share.set(s, Math.max(share.get(s) ?? 0, nowShare.get(s)!));
    }
  }
  return { workers, slots, share };
}

/**
 * Capacity in which the critical closure fits: workers = closure peak + `headroom`; each system's
 * max_concurrent raised to the closure's peak on it; each rate raised until the closure's peak
 * share on it is ≤ `maxShare`. Everything else about the DAG stays as generated, so non-critical
 * work still competes for the same workers, slots and rates.
 */
export function fitClosure(dag: SyntheticDag, headroom: number, maxShare = 0.9): SyntheticDag & { workers: number } {
  let throttles = dag.throttles;
  for (let round = 0; round < 10; round++) {
    const d = closureDemand(dag.tasks, throttles);
    const next = throttles.map((t) => {
      const scale = Math.max(1, (d.share.get(t.name) ?? 0) / maxShare);
      return {
        ...t,
        maxConcurrent: Math.max(t.maxConcurrent ?? 1, d.slots.get(t.name) ?? 0),
        ...(t.rowsPerSecond ? { rowsPerSecond: Math.ceil(t.rowsPerSecond * scale) } : {}),
        ...(t.bytesPerSecond ? { bytesPerSecond: Math.ceil(t.bytesPerSecond * scale) } : {}),
      };
    });
    const same = next.every((t, i) => JSON.stringify(t) === JSON.stringify(throttles[i]));
    throttles = next;
    if (same) break;
  }
  return { tasks: dag.tasks, throttles, workers: closureDemand(dag.tasks, throttles).workers + headroom };
}
