// lake/: the lake lock `<lake>/_lock`: at most one apply writes a lake at a time.
// Owns creating, inspecting, taking over and releasing that one file; never waits or retries on a
// live holder (waiting is the caller's retry policy).
//
// Create: the owner JSON is written to a temp file beside `_lock` and fsynced, then link(2)ed to
// `_lock`. link fails with EEXIST when the name exists, so exactly one contender wins, and the lock
// file appears with its full content or not at all. This is the lockfile recipe of open(2) NOTES
// ("create a unique file on the same filesystem ... and use link(2) to make a link to the lockfile")
// and of Maildir delivery; Git's `index.lock` gets the same exclusivity from O_CREAT|O_EXCL.
//
// Take over: a lock whose holder is gone (same host name, and kill(pid, 0) says ESRCH) or that is
// unreadable and older than 10 s is replaced. Contenders that judged the same file stale first create
// a guard `_lock.takeover.<inode>` with O_EXCL; only the guard's creator re-reads `_lock`, checks it
// is still that file and still stale, and rename(2)s its own complete temp file over it. Renaming the
// stale file aside without a guard is not enough: a slow contender that judged it stale earlier
// would move aside the fresh lock of the one that took over first, and both would hold the lake.
// A lock from another host is never taken over: its pid means nothing here. Hosts (or containers)
// sharing a lake must therefore have distinct host names.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { LakecError } from '../../compiler/diagnostics/diagnostic.js';
import { syncDir, writeSynced } from './durable-write.js';
import type { LakeLayout } from './lake-layout.js';

/** Who holds the lake lock: the JSON content of `<lake>/_lock`. Times are UTC ISO-8601. */
export interface LakeLockOwner {
  /** Process id on `host`. */
  readonly pid: number;
  /** `os.hostname()` of the holder; a pid is only meaningful on its own host. */
  readonly host: string;
  /** The run being applied, or null when the holder has none (yet). Display only. */
  readonly runId: string | null;
  /** What the holder is doing, e.g. `lakec apply`. Display only. */
  readonly command: string;
  /** When the lock was taken. */
  readonly acquiredAt: string;
  /** 32 random hex chars; `release()` removes `_lock` only while it holds this token. */
  readonly token: string;
}

/** A held lake lock. */
export interface LakeLock {
  readonly owner: LakeLockOwner;
  /**
   * Set when a stale lock of a dead process on this host was taken over: its former owner. Unset
   * after taking over an unreadable lock file, which names no owner.
   */
  readonly tookOverFrom?: LakeLockOwner;
  /**
   * Removes `_lock` if it still holds `owner.token` (never someone else's lock), then fsyncs the lake
   * folder. Idempotent; a failed release may be called again.
   */
  release(): Promise<void>;
}

/** Seams for tests; the defaults are the real clock, `process.kill(pid, 0)` and `os.hostname()`. */
export interface LakeLockOptions {
  readonly now?: () => Date;
  readonly isAlive?: (pid: number) => boolean;
  readonly hostname?: string;
}

/**
 * An unreadable lock file (torn by a crash of an older lakec, or edited by hand) is taken over once
 * its mtime is this many ms old; younger, it is treated as held, since it may be being written.
 */
export const UNREADABLE_LOCK_STALE_MS = 10_000;

/** Passes through transient states (released between our link and our read; a takeover under way). */
const ATTEMPTS = 3;

/** Why the lake is locked: a readable holder, an unreadable young file, or a takeover under way. */
export type LakeLockedReason = 'held' | 'unreadable' | 'takeover';

/**
 * The lake is locked (LK6406). `holder` is the owner read from `_lock`, or undefined when the file
 * is unreadable. The message names the holder; the hint says how to get unstuck.
 */
export class LakeLockedError extends LakecError {
  readonly holder: LakeLockOwner | undefined;
  constructor(lake: LakeLayout, holder: LakeLockOwner | undefined, reason: LakeLockedReason = 'held') {
    super({ code: 'LK6406', severity: 'error', message: lockedMessage(lake, holder, reason), hint: lockedHint(lake, reason) });
    this.name = 'LakeLockedError';
    this.holder = holder;
  }
}

/** One line naming a lock owner: `pid 4242 on host "etl-1", run "…", command "lakec apply", since …`. */
export function describeLakeLockOwner(owner: LakeLockOwner): string {
  const run = owner.runId === null ? 'no run id' : `run "${owner.runId}"`;
  return `pid ${owner.pid} on host "${owner.host}", ${run}, command "${owner.command}", since ${owner.acquiredAt}`;
}

/**
 * Takes the lake lock in one attempt; creates the lake folder when missing.
 * Takes over a stale lock (see the module header) and reports it in `tookOverFrom`.
 * @param who  recorded in the lock file for whoever finds the lake locked.
 * @throws LakeLockedError (LK6406) when another live process holds the lake, when the holder is on
 *   another host (whatever its pid), or when the lock file is unreadable and younger than 10 s.
 * @throws the fs error when the lake folder cannot be created or written.
 * @example
 *   const lock = await acquireLakeLock(lakeLayout(root), { runId, command: 'lakec apply' });
 *   try { await applyPlan(...) } finally { await lock.release() }
 */
export async function acquireLakeLock(lake: LakeLayout, who: { runId: string | null; command: string }, options: LakeLockOptions = {}): Promise<LakeLock> {
  const now = options.now ?? (() => new Date());
  const judge: StaleJudge = { host: options.hostname ?? osHostname(), isAlive: options.isAlive ?? isProcessAlive, now };
  const owner: LakeLockOwner = Object.freeze({ pid: process.pid, host: judge.host, runId: who.runId, command: who.command, acquiredAt: now().toISOString(), token: randomBytes(16).toString('hex') });
  await mkdir(lake.root, { recursive: true });
  const tmp = `${lake.lockFile}.${owner.token}.tmp`;
  let won: { tookOverFrom?: LakeLockOwner };
  try {
    await writeSynced(tmp, JSON.stringify(owner) + '\n', 'wx');
    won = await contend(lake, tmp, judge);
  } finally {
    await rm(tmp, { force: true });
  }
  await syncDir(lake.root);
  await removeLeftovers(lake, now());
  return heldLock(lake, owner, won.tookOverFrom);
}

/** The owner recorded in `_lock`, or undefined when there is no lock file or it is unreadable. */
export async function readLakeLock(lake: LakeLayout): Promise<LakeLockOwner | undefined> {
  const found = await inspectLock(lake.lockFile, new Date());
  return found.kind === 'owner' ? found.owner : undefined;
}

/** What `_lock` holds right now. `id` is the inode: it tells one lock file from its replacement. */
type Found =
  | { readonly kind: 'absent' }
  | { readonly kind: 'owner'; readonly owner: LakeLockOwner; readonly id: string; readonly ageMs: number }
  | { readonly kind: 'unreadable'; readonly id: string; readonly ageMs: number };
type PresentLock = Exclude<Found, { kind: 'absent' }>;

interface StaleJudge {
  readonly host: string;
  readonly isAlive: (pid: number) => boolean;
  readonly now: () => Date;
}

/** Tries to link, then to take over, a few times; returns on success, throws LakeLockedError otherwise. */
async function contend(lake: LakeLayout, tmp: string, judge: StaleJudge): Promise<{ tookOverFrom?: LakeLockOwner }> {
  let last: Found = { kind: 'absent' };
  let reason: LakeLockedReason = 'held';
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await linkExclusive(tmp, lake.lockFile)) return {};
    last = await inspectLock(lake.lockFile, judge.now());
    if (last.kind === 'absent') continue;
    if (!isStale(last, judge)) throw new LakeLockedError(lake, holderOf(last), last.kind === 'unreadable' ? 'unreadable' : 'held');
    const outcome = await takeOver(lake, tmp, last, judge);
    if (outcome === 'taken') return last.kind === 'owner' ? { tookOverFrom: last.owner } : {};
    reason = outcome === 'busy' ? 'takeover' : 'held';
    // Busy: another contender holds the guard for this very file and is replacing it right now.
    if (outcome === 'busy') await sleep(10 * (attempt + 1));
  }
  throw new LakeLockedError(lake, holderOf(last), reason);
}

/**
 * Replaces the stale lock `seen` with `tmp` under the guard `_lock.takeover.<inode>`.
 * 'busy': someone else holds the guard; 'lost': `_lock` is no longer `seen`, or no longer stale.
 */
async function takeOver(lake: LakeLayout, tmp: string, seen: PresentLock, judge: StaleJudge): Promise<'taken' | 'lost' | 'busy'> {
  const guard = `${lake.lockFile}.takeover.${seen.id}`;
  try {
    await writeFile(guard, `${process.pid}\n`, { flag: 'wx' });
  } catch (e) {
    if (errorCode(e) === 'EEXIST') return 'busy';
    throw e;
  }
  try {
    // Under the guard no other contender may replace `seen`, and nobody alive owns it to release it:
    // if `_lock` is still `seen` now, it still is at the rename below.
    const current = await inspectLock(lake.lockFile, judge.now());
    if (current.kind === 'absent' || current.id !== seen.id || !isStale(current, judge)) return 'lost';
    await rename(tmp, lake.lockFile);
    return 'taken';
  } finally {
    await rm(guard, { force: true });
  }
}

function isStale(found: PresentLock, judge: StaleJudge): boolean {
  if (found.kind === 'unreadable') return found.ageMs > UNREADABLE_LOCK_STALE_MS;
  return isLockOwnerGone(found.owner, judge.host, judge.isAlive);
}

function holderOf(found: Found): LakeLockOwner | undefined {
  return found.kind === 'owner' ? found.owner : undefined;
}

/** Reads `_lock` through one handle, so content, inode and mtime describe the same file. */
async function inspectLock(path: string, now: Date): Promise<Found> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return { kind: 'absent' };
    throw e;
  }
  try {
    const info = await handle.stat();
    const text = await handle.readFile('utf8');
    const base = { id: String(info.ino), ageMs: now.getTime() - info.mtimeMs };
    const owner = parseOwner(text);
    return owner ? { kind: 'owner', owner, ...base } : { kind: 'unreadable', ...base };
  } finally {
    await handle.close();
  }
}

function parseOwner(text: string): LakeLockOwner | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const ok =
    typeof o.pid === 'number' && Number.isInteger(o.pid) && o.pid > 0 &&
    typeof o.host === 'string' && (o.runId === null || typeof o.runId === 'string') &&
    typeof o.command === 'string' && typeof o.acquiredAt === 'string' && typeof o.token === 'string' && o.token !== '';
  if (!ok) return undefined;
  return Object.freeze({ pid: o.pid as number, host: o.host as string, runId: o.runId as string | null, command: o.command as string, acquiredAt: o.acquiredAt as string, token: o.token as string });
}

/** link(2) `from` to `to`; false when `to` exists. */
async function linkExclusive(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (e) {
    if (errorCode(e) === 'EEXIST') return false;
    throw e;
  }
}

function heldLock(lake: LakeLayout, owner: LakeLockOwner, tookOverFrom: LakeLockOwner | undefined): LakeLock {
  let releasing: Promise<void> | undefined;
  const release = async (): Promise<void> => {
    const found = await inspectLock(lake.lockFile, new Date());
    // Between this read and the rm nobody can replace our file: a live holder is never taken over.
    if (found.kind === 'owner' && found.owner.token === owner.token) {
      await rm(lake.lockFile, { force: true });
      await syncDir(lake.root);
    }
  };
  return Object.freeze({
    owner,
    ...(tookOverFrom ? { tookOverFrom } : {}),
    release: () =>
      (releasing ??= release().catch((e: unknown) => {
        releasing = undefined;
        throw e;
      })),
  });
}

/**
 * Removes `_lock.*` temp and guard files older than 10 s, left by contenders that crashed. Safe while
 * we hold the lock: a guard only matters for the file it names, and `_lock` is now ours. Best effort.
 */
async function removeLeftovers(lake: LakeLayout, now: Date): Promise<void> {
  try {
    const prefix = '_lock.';
    for (const name of await readdir(lake.root)) {
      if (!name.startsWith(prefix)) continue;
      const path = join(lake.root, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now.getTime() - info.mtimeMs > UNREADABLE_LOCK_STALE_MS) await rm(path, { force: true });
    }
  } catch {
    // Leftovers are harmless; never fail an acquired lock over them.
  }
}

/** `process.kill(pid, 0)` sends no signal, it only checks: ESRCH means gone; EPERM means alive but not ours. */
/**
 * Whether `owner`'s lock is stale as acquireLakeLock judges it: held on this host by a process that no
 * longer exists. A lock from another host is never stale.
 */
export function isLockOwnerGone(owner: LakeLockOwner, host: string = osHostname(), isAlive: (pid: number) => boolean = isProcessAlive): boolean {
  return owner.host === host && !isAlive(owner.pid);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errorCode(e) !== 'ESRCH';
  }
}

function errorCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function lockedMessage(lake: LakeLayout, holder: LakeLockOwner | undefined, reason: LakeLockedReason): string {
  if (reason === 'unreadable') return `lake "${lake.root}" is locked: "${lake.lockFile}" is unreadable and less than ${UNREADABLE_LOCK_STALE_MS / 1000} s old`;
  const who = holder ? describeLakeLockOwner(holder) : 'a holder that could not be read';
  if (reason === 'takeover') return `lake "${lake.root}" is locked: another process is taking over the stale lock of ${who}`;
  return `lake "${lake.root}" is locked by another apply: ${who}`;
}

function lockedHint(lake: LakeLayout, reason: LakeLockedReason): string {
  if (reason === 'unreadable') return `it may be being written; retry in a few seconds (an unreadable lock older than ${UNREADABLE_LOCK_STALE_MS / 1000} s is taken over), or remove "${lake.lockFile}" by hand if no apply is running`;
  if (reason === 'takeover') return `retry shortly; if this persists, the takeover was interrupted: remove "${lake.lockFile}" by hand`;
  return `wait for it to finish; if that process is gone (a lock from another host is never taken over automatically), remove "${lake.lockFile}" by hand`;
}
