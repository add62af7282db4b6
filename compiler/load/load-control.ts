// load/: reads the operator controls of pipelines.yaml — `disabled`, `retry`, `timeout`, `healing` and
// `stages:` at project and pipeline level — into scoped records (compiler/types/control.ts). The schema
// already checked shapes; this resolves durations, checks message patterns, and records where every
// stage name was written so bind can report unknown ones.
import type { Document } from 'yaml';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source-file.js';
import type { ErrorCode, HealingActionKind, PlanHealingAction, PlanRetryPolicy } from '../types/control.js';
import type { ControlSpec } from '../types/project.js';
import { nodeAt, nodeSpan } from './read-yaml.js';

/** A duration as written in the spec: milliseconds, or a number with a unit (ms, s, m, h, d). */
export type RawDuration = number | string;
interface RawRetry { max_attempts?: number; backoff?: PlanRetryPolicy['backoff']; delay?: RawDuration; max_delay?: RawDuration; jitter?: number }
interface RawHealing { on: ErrorCode; action: HealingActionKind; stage?: string; message?: string; command?: string[]; timeout?: RawDuration; max_memory?: string; max_ratio?: number; max_times?: number }
interface RawStage { disabled?: boolean | string; retry?: RawRetry; timeout?: RawDuration }
/** The control keys of one pipeline, as the schema admits them. */
export interface RawPipelineControl { disabled?: boolean | string; retry?: RawRetry; timeout?: RawDuration; healing?: RawHealing[]; stages?: Record<string, RawStage> }
/** The control keys of the project root. */
export interface RawProjectControl { retry?: RawRetry; healing?: RawHealing[]; pipelines: Record<string, RawPipelineControl> }

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of a schema-valid duration (`1500`, `'1.5s'`, `'2m'`). */
export function durationMs(value: RawDuration): number {
  if (typeof value === 'number') return value;
  const m = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)$/.exec(value)!;
  return Math.round(Number(m[1]) * UNIT_MS[m[2]!]!);
}

/**
 * The built-in healing actions used when the project declares `healing` nowhere (an explicit `[]`
 * turns them off): raise the engine memory limit after ENGINE_OUT_OF_MEMORY, wait for the lake lock
 * after LOCK_CONFLICT.
 */
export const DEFAULT_HEALING: readonly Omit<PlanHealingAction, 'order'>[] = [
  { scope: '*', on: 'ENGINE_OUT_OF_MEMORY', action: 'raise_memory_limit', maxTimes: 3 },
  { scope: '*', on: 'LOCK_CONFLICT', action: 'wait_for_lock', timeoutMs: 60_000, maxTimes: 1 },
];

/**
 * Collects the controls of a schema-valid manifest. Diagnostics: LK1002 for a `message` that is not a
 * valid regular expression. Stage names are not checked here (bind knows the stages: LK3006).
 */
export function loadControl(raw: RawProjectControl, doc: Document.Parsed, source: SourceFile): { value: ControlSpec; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (path: (string | number)[]): Span => nodeSpan(source, nodeAt(doc, path));
  const flags: ControlSpec['flags'][number][] = [];
  const retry: ControlSpec['retry'][number][] = [];
  const timeouts: ControlSpec['timeouts'][number][] = [];
  const healing: ControlSpec['healing'][number][] = [];
  const stageRefs: ControlSpec['stageRefs'][number][] = [];
  const addRetry = (scope: string, r: RawRetry | undefined, path: (string | number)[]): void => {
    if (r) retry.push({ ...retryFields(r), scope, span: at(path) });
  };
  const addFlag = (scope: string, d: boolean | string | undefined, path: (string | number)[]): void => {
    if (d === undefined || d === false) return;
    flags.push({ scope, ...(typeof d === 'string' ? { reason: d } : {}), span: at(path) });
  };
  const addHealing = (list: RawHealing[] | undefined, pipeline: string | undefined, path: (string | number)[]): void => {
    for (const [i, h] of (list ?? []).entries()) {
      const here = [...path, i];
      if (h.message !== undefined) {
        try {
          new RegExp(h.message);
        } catch (e) {
          diagnostics.push({ code: 'LK1002', severity: 'error', message: `healing message pattern is not a valid regular expression: ${(e as Error).message}`, span: at([...here, 'message']), hint: 'write a JavaScript regular expression, e.g. "no file matching"' });
        }
      }
      let scope = pipeline ?? '*';
      if (h.stage !== undefined) {
        scope = pipeline ? `${pipeline}.${h.stage}` : h.stage;
        stageRefs.push({ scope, span: at([...here, 'stage']) });
      }
      healing.push({
        order: healing.length, scope, on: h.on, action: h.action,
        ...(h.message !== undefined ? { message: h.message } : {}),
        ...(h.command ? { command: h.command } : {}),
        ...(h.timeout !== undefined ? { timeoutMs: durationMs(h.timeout) } : {}),
        ...(h.max_memory !== undefined ? { maxMemory: h.max_memory.replace(/\s+/g, '') } : {}),
        ...(h.max_ratio !== undefined ? { maxRatio: h.max_ratio } : {}),
        maxTimes: h.max_times ?? (h.action === 'raise_memory_limit' ? 3 : 1),
        span: at(here),
      });
    }
  };

  addRetry('*', raw.retry, ['retry']);
  addHealing(raw.healing, undefined, ['healing']);
  for (const name of Object.keys(raw.pipelines).sort()) {
    const p = raw.pipelines[name]!;
    const base = ['pipelines', name];
    addFlag(name, p.disabled, [...base, 'disabled']);
    addRetry(name, p.retry, [...base, 'retry']);
    if (p.timeout !== undefined) timeouts.push({ scope: name, timeoutMs: durationMs(p.timeout), span: at([...base, 'timeout']) });
    addHealing(p.healing, name, [...base, 'healing']);
    for (const stage of Object.keys(p.stages ?? {}).sort()) {
      const s = p.stages![stage]!;
      const scope = `${name}.${stage}`;
      const path = [...base, 'stages', stage];
      stageRefs.push({ scope, span: at(path) });
      addFlag(scope, s.disabled, [...path, 'disabled']);
      addRetry(scope, s.retry, [...path, 'retry']);
      if (s.timeout !== undefined) timeouts.push({ scope, timeoutMs: durationMs(s.timeout), span: at([...path, 'timeout']) });
    }
  }
  const declaredHealing = raw.healing !== undefined || Object.values(raw.pipelines).some((p) => p.healing !== undefined);
  if (!declaredHealing) for (const h of DEFAULT_HEALING) healing.push({ ...h, order: healing.length, span: at([]) });
  return { value: { flags, retry, timeouts, healing, stageRefs }, diagnostics };
}

function retryFields(r: RawRetry): Omit<PlanRetryPolicy, 'scope'> {
  return {
    ...(r.max_attempts !== undefined ? { maxAttempts: r.max_attempts } : {}),
    ...(r.backoff !== undefined ? { backoff: r.backoff } : {}),
    ...(r.delay !== undefined ? { delayMs: durationMs(r.delay) } : {}),
    ...(r.max_delay !== undefined ? { maxDelayMs: durationMs(r.max_delay) } : {}),
    ...(r.jitter !== undefined ? { jitter: r.jitter } : {}),
  };
}
