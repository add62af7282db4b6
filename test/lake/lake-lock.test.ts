// The lake lock on real files: exclusive create, release by token only, takeover of dead holders,
// never of other hosts, races between contenders in one process and across processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LakecError } from '../../compiler/index.js';
import { acquireLakeLock, LakeLockedError, readLakeLock, type LakeLock, type LakeLockOwner } from '../../runtime/lake/lake-lock.js';
import { lakeLayout, type LakeLayout } from '../../runtime/lake/lake-layout.js';

const WHO = { runId: '20240101T000000Z-abcd', command: 'lakec apply' };
const HOLDER_SCRIPT = new URL('./hold-lake-lock.mjs', import.meta.url).pathname;

let dir: string;
let lake: LakeLayout;
const children: ChildProcess[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lakec-lock-'));
  lake = lakeLayout(join(dir, 'lake'));
});
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('acquireLakeLock', () => {
  it('creates the lake folder and a complete lock file, leaves no temp file, and releases', async () => {
    const lock = await acquireLakeLock(lake, WHO);
    expect(lock.owner).toMatchObject({ pid: process.pid, host: hostname(), runId: WHO.runId, command: 'lakec apply' });
    expect(lock.owner.token).toMatch(/^[0-9a-f]{32}$/);
    expect(lock.tookOverFrom).toBeUndefined();
    expect(JSON.parse(await readFile(lake.lockFile, 'utf8'))).toEqual(lock.owner);
    expect(await readLakeLock(lake)).toEqual(lock.owner);
    expect(await readdir(lake.root)).toEqual(['_lock']);
    await lock.release();
    expect(await readdir(lake.root)).toEqual([]);
    expect(await readLakeLock(lake)).toBeUndefined();
    await lock.release(); // idempotent
    const again = await acquireLakeLock(lake, WHO);
    expect(again.owner.token).not.toBe(lock.owner.token);
    await again.release();
  });

  it('records acquiredAt from the clock as UTC ISO-8601', async () => {
    const lock = await acquireLakeLock(lake, { runId: null, command: 'lakec apply' }, { now: () => new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) });
    expect(lock.owner.acquiredAt).toBe('2024-01-02T03:04:05.000Z');
    expect(lock.owner.runId).toBeNull();
    await lock.release();
  });

  it('refuses a second acquire while held and names the holder', async () => {
    const lock = await acquireLakeLock(lake, WHO);
    const err = await acquireLakeLock(lake, { runId: 'other', command: 'lakec apply' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LakeLockedError);
    expect(err).toBeInstanceOf(LakecError);
    const locked = err as LakeLockedError;
    expect(locked.holder).toEqual(lock.owner);
    expect(locked.diagnostic.code).toBe('LK6406');
    for (const part of [`pid ${process.pid}`, `host "${hostname()}"`, `run "${WHO.runId}"`, 'command "lakec apply"', `since ${lock.owner.acquiredAt}`]) {
      expect(locked.diagnostic.message).toContain(part);
    }
    expect(locked.diagnostic.hint).toContain(lake.lockFile);
    expect(await readLakeLock(lake)).toEqual(lock.owner);
    await lock.release();
  });

  it('release leaves a lock file that someone else replaced ours with', async () => {
    const lock = await acquireLakeLock(lake, WHO);
    const theirs = JSON.stringify({ ...lock.owner, token: 'f'.repeat(32), runId: 'theirs' });
    await writeFile(lake.lockFile, theirs);
    await lock.release();
    expect(await readFile(lake.lockFile, 'utf8')).toBe(theirs);
  });

  it('release is a no-op when the lock file is already gone', async () => {
    const lock = await acquireLakeLock(lake, WHO);
    await rm(lake.lockFile);
    await expect(lock.release()).resolves.toBeUndefined();
  });

  it('takes over the lock of a dead process on this host', async () => {
    const pid = await deadPid();
    const stale = await writeLock(lake, { pid });
    const lock = await acquireLakeLock(lake, WHO);
    expect(lock.tookOverFrom).toEqual(stale);
    expect(await readLakeLock(lake)).toEqual(lock.owner);
    expect(await readdir(lake.root)).toEqual(['_lock']);
    await lock.release();
  });

  it('never takes over a lock from another host, even when the pid is dead here', async () => {
    const held = await writeLock(lake, { pid: await deadPid(), host: 'elsewhere.example' });
    const err = await acquireLakeLock(lake, WHO, { isAlive: () => false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LakeLockedError);
    expect((err as LakeLockedError).holder).toEqual(held);
    expect((err as LakeLockedError).diagnostic.message).toContain('host "elsewhere.example"');
    expect(await readLakeLock(lake)).toEqual(held);
  });

  it('treats an unreadable lock file as held while young and takes it over once older than 10 s', async () => {
    await acquireLakeLock(lake, WHO).then((l) => l.release()); // creates the folder
    await writeFile(lake.lockFile, '{"pid": 12');
    const err = await acquireLakeLock(lake, WHO).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LakeLockedError);
    expect((err as LakeLockedError).holder).toBeUndefined();
    expect((err as LakeLockedError).diagnostic.message).toContain('unreadable');
    expect(await readLakeLock(lake)).toBeUndefined();

    const old = new Date(Date.now() - 60_000);
    await utimes(lake.lockFile, old, old);
    const lock = await acquireLakeLock(lake, WHO);
    expect(lock.tookOverFrom).toBeUndefined();
    expect(await readLakeLock(lake)).toEqual(lock.owner);
    await lock.release();
  });

  it('reports a takeover under way when another contender holds the takeover guard', async () => {
    const stale = await writeLock(lake, { pid: await deadPid() });
    const { ino } = await stat(lake.lockFile);
    await writeFile(`${lake.lockFile}.takeover.${ino}`, '1\n');
    const err = await acquireLakeLock(lake, WHO).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LakeLockedError);
    expect((err as LakeLockedError).diagnostic.message).toContain('taking over the stale lock');
    expect(await readLakeLock(lake)).toEqual(stale);
  });

  it('removes leftover temp and guard files older than 10 s once it holds the lock, and keeps young ones', async () => {
    await acquireLakeLock(lake, WHO).then((l) => l.release());
    const old = new Date(Date.now() - 60_000);
    for (const name of ['_lock.takeover.123', '_lock.0123.tmp']) {
      await writeFile(join(lake.root, name), 'x');
      await utimes(join(lake.root, name), old, old);
    }
    await writeFile(join(lake.root, '_lock.takeover.456'), 'x');
    await writeFile(join(lake.root, 'keep-me'), 'x');
    const lock = await acquireLakeLock(lake, WHO);
    expect((await readdir(lake.root)).sort()).toEqual(['_lock', '_lock.takeover.456', 'keep-me']);
    await lock.release();
  });
});

describe('acquireLakeLock with other processes', () => {
  it('takes over the lock of a child process killed with SIGKILL', async () => {
    const child = await startHolder(lake.root);
    child.send('go');
    expect(await child.next()).toEqual({ event: 'acquired', tookOverFrom: null });
    expect((await readLakeLock(lake))?.pid).toBe(child.pid);
    child.process.kill('SIGKILL');
    await child.exited;
    const lock = await acquireLakeLock(lake, WHO);
    expect(lock.tookOverFrom?.pid).toBe(child.pid);
    expect(lock.tookOverFrom?.runId).toBe(`child-${child.pid}`);
    await lock.release();
  });

  it('refuses while a live child process holds the lock, and acquires once it released', async () => {
    const child = await startHolder(lake.root);
    child.send('go');
    expect((await child.next()).event).toBe('acquired');
    const err = await acquireLakeLock(lake, WHO).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LakeLockedError);
    expect((err as LakeLockedError).holder?.pid).toBe(child.pid);
    child.send('release');
    expect(await child.next()).toEqual({ event: 'released' });
    const lock = await acquireLakeLock(lake, WHO);
    expect(lock.tookOverFrom).toBeUndefined();
    await lock.release();
  });

  it.each([
    ['a free lake', false],
    ['a stale lock', true],
  ])('lets exactly one of 4 processes win %s', async (_, stale) => {
    const holders = await Promise.all([0, 1, 2, 3].map(() => startHolder(lake.root)));
    const dead = stale ? (await writeLock(lake, { pid: await deadPid() })).pid : null;
    for (const h of holders) h.send('go');
    const events = await Promise.all(holders.map((h) => h.next()));
    const winners = holders.filter((_, i) => events[i]?.event === 'acquired');
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    expect(events.find((e) => e.event === 'acquired')?.tookOverFrom).toBe(dead);
    const losers = events.filter((e) => e.event !== 'acquired');
    expect(losers.map((e) => e.event)).toEqual(['locked', 'locked', 'locked']);
    // A loser that found the takeover still under way names the dead holder it was replacing.
    for (const e of losers) expect([winner.pid, dead]).toContain(e.holderPid);
    expect((await readLakeLock(lake))?.pid).toBe(winner.pid);
    winner.send('release');
    expect(await winner.next()).toEqual({ event: 'released' });
    expect(await readdir(lake.root)).toEqual([]);
  });
});

describe('acquireLakeLock races in one process', () => {
  it('lets exactly one of 20 concurrent contenders win a free lake', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => acquireLakeLock(lake, { runId: `r${i}`, command: 'lakec apply' })));
    const won = fulfilled(results);
    expect(won).toHaveLength(1);
    expectOthersLocked(results, won[0]!.owner);
    expect(await readdir(lake.root)).toEqual(['_lock']);
    await won[0]!.release();
  });

  it('lets exactly one of 20 concurrent contenders take over a stale lock', async () => {
    await acquireLakeLock(lake, WHO).then((l) => l.release());
    const stale = await writeLock(lake, { pid: await deadPid() });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => acquireLakeLock(lake, { runId: `r${i}`, command: 'lakec apply' })));
    const won = fulfilled(results);
    expect(won).toHaveLength(1);
    expect(won[0]!.tookOverFrom).toEqual(stale);
    expectOthersLocked(results, undefined);
    expect(await readLakeLock(lake)).toEqual(won[0]!.owner);
    expect(await readdir(lake.root)).toEqual(['_lock']);
    await won[0]!.release();
  });
});

function fulfilled(results: PromiseSettledResult<LakeLock>[]): LakeLock[] {
  return results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
}

/** Every loser failed with LakeLockedError; with `holder` given, each names it. */
function expectOthersLocked(results: PromiseSettledResult<LakeLock>[], holder: LakeLockOwner | undefined): void {
  for (const r of results) {
    if (r.status === 'fulfilled') continue;
    expect(r.reason).toBeInstanceOf(LakeLockedError);
    if (holder) expect((r.reason as LakeLockedError).holder).toEqual(holder);
  }
}

/** Writes a lock file by hand, as another lakec would have; defaults: this host, a fixed token. */
async function writeLock(at: LakeLayout, fields: Partial<LakeLockOwner> & { pid: number }): Promise<LakeLockOwner> {
  const owner: LakeLockOwner = { host: hostname(), runId: 'stale-run', command: 'lakec apply', acquiredAt: '2024-01-01T00:00:00.000Z', token: 'a'.repeat(32), ...fields };
  await mkdir(at.root, { recursive: true });
  await writeFile(at.lockFile, JSON.stringify(owner));
  return owner;
}

/** The pid of a process that has exited and been reaped (so `kill(pid, 0)` says ESRCH). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

interface HolderEvent {
  readonly event: 'ready' | 'acquired' | 'locked' | 'released' | 'error';
  readonly tookOverFrom?: number | null;
  readonly holderPid?: number | null;
  readonly message?: string;
}

interface Holder {
  readonly process: ChildProcess;
  readonly pid: number;
  /** Resolves once the process exited and its output was read. */
  readonly exited: Promise<void>;
  next(): Promise<HolderEvent>;
  send(line: 'go' | 'release'): void;
}

/** Starts test/lake/hold-lake-lock.mjs on `root` and waits until it has loaded the lock module. */
async function startHolder(root: string): Promise<Holder> {
  const child = spawn(process.execPath, [HOLDER_SCRIPT, root], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const queue: HolderEvent[] = [];
  const waiters: ((e: HolderEvent) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const event = JSON.parse(line) as HolderEvent;
    const waiter = waiters.shift();
    if (waiter) waiter(event);
    else queue.push(event);
  });
  const next = (): Promise<HolderEvent> => {
    const queued = queue.shift();
    return queued ? Promise.resolve(queued) : Promise.race([new Promise<HolderEvent>((resolve) => waiters.push(resolve)), exited.then(() => ({ event: 'error' as const, message: 'exited' }))]);
  };
  const holder: Holder = { process: child, pid: child.pid!, exited, next, send: (line) => child.stdin!.write(line + '\n') };
  expect(await next()).toEqual({ event: 'ready' });
  return holder;
}
