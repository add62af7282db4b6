// lake/: promotion and rollback: one atomic switch of the `active` symlink.
// First every file and folder of the target run (and `_runs`) is fsynced (sync-tree.ts), then a
// temporary symlink is written beside `active`, the lake folder fsynced, and the symlink rename(2)d over
// `active`; then the switch is appended (fsynced) to `_promotions.jsonl` and the lake folder fsynced. Readers resolve
// either the old run or the new one, never a missing or half-written pointer; after a crash at any
// instant `active` names the old run or the new one, and the one it names is complete on disk.
import { readFile, readlink, rename, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LakecError } from '../../compiler/index.js';
import { activeTarget, runDir, type LakeLayout } from './lake-layout.js';
import { syncDir, writeSynced } from './durable-write.js';
import { syncTree } from './sync-tree.js';
import { isRunId } from './run-id.js';

/** One line of `_promotions.jsonl`. `at` is UTC ISO-8601. */
export interface PromotionRecord {
  readonly action: 'promote' | 'rollback';
  readonly runId: string;
  readonly previous: string | null;
  readonly at: string;
}

/** The run `active` points to, or null when nothing was promoted yet. */
export async function activeRunId(lake: LakeLayout): Promise<string | null> {
  try {
    const target = await readlink(lake.active);
    const id = target.split('/').pop() ?? '';
    return isRunId(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * Points `active` at `runId` atomically and durably (see the module header) and logs it.
 * Returns the previous active run.
 * @throws the fs error when the run's files cannot be synced or the link cannot be switched; `active`
 *   is then unchanged.
 */
export async function switchActive(lake: LakeLayout, runId: string, action: PromotionRecord['action'], now: Date = new Date()): Promise<string | null> {
  const previous = await activeRunId(lake);
  await syncTree(runDir(lake, runId));
  await syncDir(lake.runsDir);
  const tmp = join(lake.root, `.active.${randomBytes(4).toString('hex')}.tmp`);
  await symlink(activeTarget(runId), tmp);
  try {
    await syncDir(lake.root);
    await rename(tmp, lake.active);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  const record: PromotionRecord = { action, runId, previous, at: now.toISOString() };
  // A crash may leave a torn last line; readPromotions skips it.
  await writeSynced(lake.promotionsLog, JSON.stringify(record) + '\n', 'a');
  // Makes both the rename and (on the first promotion) the log's creation durable.
  await syncDir(lake.root);
  return previous;
}

/** Every promotion record, oldest first (unparsable lines are skipped). */
export async function readPromotions(lake: LakeLayout): Promise<PromotionRecord[]> {
  let text: string;
  try {
    text = await readFile(lake.promotionsLog, 'utf8');
  } catch {
    return [];
  }
  const out: PromotionRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as PromotionRecord);
    } catch {
      // A torn last line from a crash mid-append; the symlink is the truth.
    }
  }
  return out;
}

/**
 * Switches `active` back to the run that was active before the current one was promoted. Repeated
 * rollbacks walk further back through the promotion history.
 * @throws LakecError LK6402 when nothing is active or there is no earlier run.
 */
export async function rollback(lake: LakeLayout): Promise<{ from: string; to: string }> {
  const current = await activeRunId(lake);
  if (!current) throw new LakecError({ code: 'LK6402', severity: 'error', message: 'nothing is active in this lake', hint: 'run lakec apply first' });
  const history = await readPromotions(lake);
  const promotion = [...history].reverse().find((r) => r.action === 'promote' && r.runId === current);
  const target = promotion?.previous ?? null;
  if (!target) throw new LakecError({ code: 'LK6402', severity: 'error', message: `run "${current}" has no earlier promoted run to roll back to` });
  await switchActive(lake, target, 'rollback');
  return { from: current, to: target };
}
