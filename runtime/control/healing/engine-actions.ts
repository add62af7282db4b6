// control/healing/: built-in actions that change the engine's settings for the rest of the run:
// raise_memory_limit (after ENGINE_OUT_OF_MEMORY) and lower_parallelism (fewer DuckDB threads use
// less memory at once). Settings are read back from the engine, so repeated tries keep doubling/halving.
import { totalmem } from 'node:os';
import { quoteLiteral, type EngineAdapter } from '../../engine/engine-adapter.js';
import type { HealingResult } from './healing-types.js';
import { formatMemorySize, parseMemorySize } from './memory-size.js';

/** DuckDB's own default memory limit: 80% of physical memory (https://duckdb.org/docs/stable/configuration/overview). */
export function defaultMemoryCeiling(): number {
  return Math.floor(totalmem() * 0.8);
}

async function setting(engine: EngineAdapter, name: string): Promise<string> {
  const rows = await engine.query(`SELECT current_setting(${quoteLiteral(name)}) AS v`);
  return String(rows[0]?.['v']);
}

/**
 * Doubles DuckDB's `memory_limit`, up to `maxMemory` (e.g. `'8GB'`; default 80% of RAM).
 * @returns not_healed when the limit is already at the ceiling.
 */
export async function raiseMemoryLimit(engine: EngineAdapter, maxMemory?: string): Promise<HealingResult> {
  const currentText = await setting(engine, 'memory_limit');
  const current = parseMemorySize(currentText);
  const ceiling = (maxMemory !== undefined ? parseMemorySize(maxMemory) : undefined) ?? defaultMemoryCeiling();
  if (current === undefined) return { outcome: 'error', detail: `cannot read memory_limit (${currentText})` };
  // Within 1%: sizes round-trip through whole KiB and DuckDB's own rounding.
  if (current >= ceiling * 0.99) return { outcome: 'not_healed', detail: `memory_limit ${currentText} is already at the ceiling ${formatMemorySize(ceiling)}` };
  const next = Math.min(ceiling, current * 2);
  await engine.run(`SET memory_limit = ${quoteLiteral(formatMemorySize(next))}`);
  return { outcome: 'healed', detail: `memory_limit raised from ${currentText} to ${await setting(engine, 'memory_limit')}` };
}

/** Halves DuckDB's `threads` (at least 1). @returns not_healed when already 1. */
export async function lowerParallelism(engine: EngineAdapter): Promise<HealingResult> {
  const current = Number(await setting(engine, 'threads'));
  if (!(current > 1)) return { outcome: 'not_healed', detail: `threads is already ${current}` };
  const next = Math.max(1, Math.floor(current / 2));
  await engine.run(`SET threads = ${next}`);
  return { outcome: 'healed', detail: `threads lowered from ${current} to ${next}` };
}
