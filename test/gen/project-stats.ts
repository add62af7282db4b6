// gen/: the shape of a generated project, read back from its files (the `-- shape:` header line).
import type { ModelKind } from './relation.js';

/** Counts and sizes of a generated project's models. */
export interface ProjectSummary {
  readonly models: number;
  readonly byKind: Readonly<Record<ModelKind, number>>;
  readonly byLayer: Readonly<Record<string, number>>;
  readonly pipelines: number;
  /** Total UTF-8 bytes of the model files. */
  readonly sqlBytes: number;
  /** Lines per model file. */
  readonly lines: { readonly min: number; readonly median: number; readonly max: number; readonly total: number };
}

/** Summarizes `files` as written by generateProject. */
export function summarizeProject(files: ReadonlyMap<string, string>): ProjectSummary {
  const byKind: Record<ModelKind, number> = { chain: 0, fan_in: 0, cte: 0, projection: 0 };
  const byLayer: Record<string, number> = {};
  const pipelines = new Set<string>();
  const lineCounts: number[] = [];
  let sqlBytes = 0;
  for (const [path, text] of files) {
    if (!path.endsWith('.sql')) continue;
    const [, pipeline, layer] = path.split('/');
    pipelines.add(pipeline ?? '');
    byLayer[layer ?? ''] = (byLayer[layer ?? ''] ?? 0) + 1;
    const kind = /^-- shape: (\w+):/m.exec(text)?.[1] as ModelKind | undefined;
    if (kind && kind in byKind) byKind[kind]++;
    sqlBytes += Buffer.byteLength(text);
    lineCounts.push(text.split('\n').length - 1);
  }
  lineCounts.sort((a, b) => a - b);
  return {
    models: lineCounts.length, byKind, byLayer, pipelines: pipelines.size, sqlBytes,
    lines: { min: lineCounts[0] ?? 0, median: lineCounts[Math.floor(lineCounts.length / 2)] ?? 0, max: lineCounts.at(-1) ?? 0, total: lineCounts.reduce((a, b) => a + b, 0) },
  };
}

/** A few human lines describing the summary. */
export function formatSummary(s: ProjectSummary): string {
  const k = s.byKind;
  return `${s.models} models in ${s.pipelines} pipelines (silver ${s.byLayer['silver'] ?? 0}, gold ${s.byLayer['gold'] ?? 0}): ` +
    `chain ${k.chain}, cte ${k.cte}, projection ${k.projection}, fan_in ${k.fan_in}\n` +
    `${(s.sqlBytes / 1e6).toFixed(2)} MB of SQL, ${s.lines.total.toLocaleString('en-US')} lines; lines per model min ${s.lines.min}, median ${s.lines.median}, max ${s.lines.max}\n`;
}
