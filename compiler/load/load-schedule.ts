// load/: reads how the project asks to be scheduled — root `schedule:` (profile, workers, throttles per
// system), `priority`/`deadline`/`system` of pipelines and stages, `system` and `routes` of sources —
// into spec records with spans (compiler/types/schedule.ts). The schema already checked shapes; this
// resolves durations and sizes and checks what needs the whole project: rate limits only on systems no
// model writes to (LK1012), throttles naming a system no stage uses (LK1013, a warning).
import type { Document } from 'yaml';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import { suggestName } from '../diagnostics/did-you-mean.js';
import type { SourceFile } from '../diagnostics/source-file.js';
import type { PipelineSpec, ScheduleSpec } from '../types/project.js';
import { FILES_SYSTEM, LAKE_SYSTEM, type PlanSystem, type Priority, type ScheduleProfile } from '../types/schedule.js';
import { durationMs, type RawDuration } from './load-control.js';
import { projectRelative } from './project-paths.js';
import { nodeAt, nodeSpan } from './read-yaml.js';

interface RawSystem { max_concurrent?: number; rows_per_second?: number; bytes_per_second?: number | string }
/** Root `schedule:` as the schema admits it. */
export interface RawSchedule { profile?: ScheduleProfile; workers?: number; systems?: Record<string, RawSystem> }
interface RawRoute { name: string; location?: string; pattern?: string; previous_run?: true; cost: number; staleness?: RawDuration }
/** The scheduling keys of one source. */
export interface RawSourceSchedule { system?: string; routes?: RawRoute[] }
/** The scheduling keys of one pipeline (and its `stages:`). */
export interface RawPipelineSchedule {
  priority?: Priority; deadline?: RawDuration; system?: string;
  sources?: Record<string, RawSourceSchedule>;
  stages?: Record<string, { priority?: Priority; deadline?: RawDuration }>;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** Bytes of a schema-valid size (`1048576`, `'20MB'`, `'1.5 GiB'`). */
export function sizeBytes(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]+)$/.exec(value)!;
  return Math.round(Number(m[1]) * SIZE_UNITS[m[2]!]!);
}

/**
 * Collects the scheduling and recovery settings of a schema-valid manifest whose pipelines are loaded.
 * Diagnostics: LK1012 (error) for a rate limit on a system a pipeline with models writes to; LK1013
 * (warning) for a throttle on a system no source or pipeline names.
 */
export function loadSchedule(
  schedule: RawSchedule | undefined, pipelinesRaw: Readonly<Record<string, RawPipelineSchedule>>, pipelines: readonly PipelineSpec[],
  projectDir: string, doc: Document.Parsed, source: SourceFile,
): { value: ScheduleSpec; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (path: (string | number)[]): Span => nodeSpan(source, nodeAt(doc, path));
  const targetSystems = new Map<string, string>();
  const sourceSystems = new Map<string, string>();
  const stagePlans: ScheduleSpec['stagePlans'][number][] = [];
  const routes: ScheduleSpec['routes'][number][] = [];
  for (const p of pipelines) {
    const raw = pipelinesRaw[p.name] ?? {};
    targetSystems.set(p.name, raw.system ?? LAKE_SYSTEM);
    if (raw.priority !== undefined || raw.deadline !== undefined) {
      stagePlans.push({ scope: p.name, ...(raw.priority ? { priority: raw.priority } : {}), ...(raw.deadline !== undefined ? { deadlineMs: durationMs(raw.deadline) } : {}) });
    }
    for (const [stage, s] of Object.entries(raw.stages ?? {})) {
      if (s.priority === undefined && s.deadline === undefined) continue;
      stagePlans.push({ scope: `${p.name}.${stage}`, ...(s.priority ? { priority: s.priority } : {}), ...(s.deadline !== undefined ? { deadlineMs: durationMs(s.deadline) } : {}) });
    }
    for (const src of p.sources) {
      const rawSource = raw.sources?.[src.name] ?? {};
      const stage = `${p.name}.${src.name}`;
      sourceSystems.set(stage, rawSource.system ?? FILES_SYSTEM);
      if (src.type !== 'xml' && rawSource.routes?.length) {
        diagnostics.push({ code: 'LK1002', severity: 'error', message: `source ${stage} declares routes, but recovery routes are supported for xml sources only`, span: at(['pipelines', p.name, 'sources', src.name, 'routes']), hint: 'remove `routes:` from this source' });
        continue;
      }
      for (const [i, r] of (rawSource.routes ?? []).entries()) {
        const span = at(['pipelines', p.name, 'sources', src.name, 'routes', i]);
        if (routes.some((o) => o.stage === stage && o.name === r.name) || r.name === 'primary') {
          diagnostics.push({ code: 'LK1008', severity: 'error', message: `source ${stage} declares route "${r.name}" twice`, span, hint: r.name === 'primary' ? '"primary" names the source\'s own location; call the route something else' : 'give each route its own name' });
          continue;
        }
        routes.push({
          stage, name: r.name, kind: r.previous_run ? 'previous_run' : 'location', cost: r.cost, order: i, span,
          ...(r.location !== undefined ? { location: projectRelative(projectDir, r.location) } : {}),
          ...(r.pattern !== undefined ? { pattern: r.pattern } : {}),
          ...(r.staleness !== undefined ? { stalenessMs: durationMs(r.staleness) } : {}),
        });
      }
    }
  }

  const used = new Set([...targetSystems.values(), ...sourceSystems.values()]);
  const modelTargets = new Set(pipelines.filter((p) => p.models.length).map((p) => targetSystems.get(p.name)!));
  const systems: ScheduleSpec['systems'][number][] = [];
  for (const name of Object.keys(schedule?.systems ?? {}).sort()) {
    const s = schedule!.systems![name]!;
    const span = at(['schedule', 'systems', name]);
    if (!used.has(name)) {
      diagnostics.push({ code: 'LK1013', severity: 'warning', message: `throttle for system "${name}", which no source or pipeline uses`, span, hint: suggestName(name, [...used], 'system') ?? `systems in use: ${[...used].sort().join(', ')}` });
    }
    if ((s.rows_per_second !== undefined || s.bytes_per_second !== undefined) && modelTargets.has(name)) {
      diagnostics.push({ code: 'LK1012', severity: 'error', message: `system "${name}" has a rate limit, but models write to it, and a model's output is written by the engine in one statement`, span, hint: 'limit it with max_concurrent, or rate-limit the source systems that feed it' });
    }
    const system: PlanSystem = {
      name, ...(s.max_concurrent !== undefined ? { maxConcurrent: s.max_concurrent } : {}),
      ...(s.rows_per_second !== undefined ? { rowsPerSecond: s.rows_per_second } : {}),
      ...(s.bytes_per_second !== undefined ? { bytesPerSecond: sizeBytes(s.bytes_per_second) } : {}),
    };
    systems.push({ ...system, span });
  }
  return {
    value: {
      profile: schedule?.profile ?? 'balanced', ...(schedule?.workers !== undefined ? { workers: schedule.workers } : {}),
      systems, targetSystems, sourceSystems, stagePlans, routes,
    },
    diagnostics,
  };
}
