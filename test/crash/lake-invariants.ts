// Crash harness: what must hold in a lake after an apply died at any instant, and after the next apply.
//   - `active` names a complete run: manifest `succeeded`, no blocking validation failure, and every
//     dataset folder holding exactly the manifest's Parquet files with the manifest's sizes and sha256s;
//   - every run folder that existed before is byte-identical, except that a run which was interrupted
//     (manifest `running`, or none) may have had its manifest replaced by one saying `aborted`;
//   - `_promotions.jsonl` only grew.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileChecksum } from '../../runtime/lake/file-checksum.js';
import { MANIFEST_FILE, runDir, type LakeLayout } from '../../runtime/lake/lake-layout.js';
import { readManifest } from '../../runtime/lake/manifest.js';
import { treeDigest } from '../support/lake-snapshot.js';
import { activeTargetOf } from './observe-apply.js';

/** One run folder as it was: sha256 per file (relative path -> hex) and its manifest status. */
export interface RunSnapshot {
  readonly files: Record<string, string>;
  /** undefined when the folder has no readable manifest. */
  readonly status: string | undefined;
}

/** Every run folder of the lake, by run id, plus the promotion log's text. */
export interface LakeSnapshot {
  readonly runs: ReadonlyMap<string, RunSnapshot>;
  readonly promotions: string;
}

/** Hashes every file of every run folder (reads them all). */
export async function snapshotLake(lake: LakeLayout): Promise<LakeSnapshot> {
  const runs = new Map<string, RunSnapshot>();
  let ids: string[] = [];
  try {
    ids = readdirSync(lake.runsDir).sort();
  } catch {
    // No runs yet.
  }
  for (const id of ids) runs.set(id, { files: treeDigest(runDir(lake, id), []), status: (await readManifest(join(runDir(lake, id), MANIFEST_FILE)))?.status });
  let promotions = '';
  try {
    promotions = readFileSync(lake.promotionsLog, 'utf8');
  } catch {
    // Nothing promoted yet.
  }
  return { runs, promotions };
}

/** Whether a run in this state was interrupted: its apply never wrote a final manifest. */
export function wasInterrupted(run: RunSnapshot): boolean {
  return run.status === undefined || run.status === 'running';
}

/**
 * Violations between `before` and `after` (empty when none): a run missing or changed, beyond an
 * interrupted run's manifest turning `aborted` (a stray temp file of that durable write is allowed).
 */
export function compareSnapshots(before: LakeSnapshot, after: LakeSnapshot): string[] {
  const out: string[] = [];
  for (const [id, old] of before.runs) {
    const now = after.runs.get(id);
    if (!now) {
      out.push(`run ${id} disappeared`);
      continue;
    }
    const paths = [...new Set([...Object.keys(old.files), ...Object.keys(now.files)])].sort();
    const changed = paths.filter((p) => old.files[p] !== now.files[p]);
    if (!changed.length) continue;
    const abortOnly = wasInterrupted(old) && changed.every((p) => p === '_manifest.json' || /^\._manifest\.json\.[0-9a-f-]+\.tmp$/.test(p));
    if (abortOnly && (now.status === 'aborted' || now.status === old.status)) continue;
    out.push(`run ${id} (${old.status ?? 'no manifest'} -> ${now.status ?? 'no manifest'}) changed: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}`);
  }
  if (!after.promotions.startsWith(before.promotions)) out.push('_promotions.jsonl was rewritten, not appended to');
  return out;
}

/**
 * Violations of "`active` names a complete, valid run" (empty when none). `active` may be absent only
 * when `mayBeAbsent` (nothing was ever promoted).
 */
export async function checkActive(lake: LakeLayout, mayBeAbsent: boolean): Promise<string[]> {
  const id = activeTargetOf(lake);
  if (!id) return mayBeAbsent ? [] : ['active is missing although runs were promoted'];
  const dir = runDir(lake, id);
  const m = await readManifest(join(dir, MANIFEST_FILE));
  if (!m) return [`active -> ${id}: no readable manifest`];
  const out: string[] = [];
  if (m.status !== 'succeeded') out.push(`active -> ${id}: manifest status ${m.status}`);
  if (!m.validation || m.validation.blocking !== 0) out.push(`active -> ${id}: validation did not pass (${m.validation ? `${m.validation.blocking} blocking` : 'no results'})`);
  if (!m.datasets.length) out.push(`active -> ${id}: no datasets`);
  for (const d of m.datasets) {
    const folder = join(dir, d.layer, d.name);
    let onDisk: string[] = [];
    try {
      onDisk = readdirSync(folder).filter((n) => n.endsWith('.parquet')).map((n) => `${d.layer}/${d.name}/${n}`).sort();
    } catch {
      out.push(`active -> ${id}: dataset ${d.name} folder missing`);
      continue;
    }
    const listed = d.files.map((f) => f.path).sort();
    if (onDisk.join('\n') !== listed.join('\n')) out.push(`active -> ${id}: dataset ${d.name} holds [${onDisk.join(', ')}], manifest lists [${listed.join(', ')}]`);
    for (const f of d.files) {
      const actual = await fileChecksum(join(dir, f.path)).catch(() => undefined);
      if (!actual) out.push(`active -> ${id}: ${f.path} missing`);
      else if (actual.size !== f.size || actual.sha256 !== f.sha256) out.push(`active -> ${id}: ${f.path} does not match its manifest checksum`);
    }
  }
  return out;
}
