// control/: how a running apply hears operators. Every `intervalMs` (250 ms by default, so a kill switch
// is honoured well within a second) it opens the metadata store for a moment, appends the audit
// records written since the last poll and reads the control flags and the scheduling profile setting; a tick that finds the store locked
// by another process (an operator's SQL session) is skipped and the records wait for the next one.
import { exchangeWithMeta, type MetaExchange } from '../meta/exchange-with-meta.js';
import { effectiveDisabled, stageDisabledBy, type DisabledScope } from '../meta/effective-disabled.js';
import type { ControlFlagRow } from '../meta/control-rows.js';
import type { AuditRecord } from './audit-record.js';

/** Options of a ControlPoller. */
export interface ControlPollerOptions {
  /** The metadata store file. */
  readonly dbPath: string;
  /** Flags as read when the apply started. */
  readonly initialFlags: readonly ControlFlagRow[];
  readonly intervalMs?: number;
  /** Called after every poll that read flags whose disabled set differs from the previous one. */
  readonly onChange?: (disabled: ReadonlyMap<string, DisabledScope>) => void;
  /** The profile setting as read when the apply started (undefined: unset). */
  readonly initialProfile?: string;
  /** Called after a poll that read a profile setting different from the previous one. */
  readonly onProfileChange?: (profile: string | undefined) => void;
}

/** Polls the metadata store while an apply runs; see the file comment. */
export class ControlPoller {
  private disabled: ReadonlyMap<string, DisabledScope>;
  private profileSetting: string | undefined;
  private pending: AuditRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  /** Polls done and polls skipped because the store was locked (for the audit of the control plane itself). */
  readonly stats = { polls: 0, skipped: 0 };

  constructor(private readonly options: ControlPollerOptions) {
    this.disabled = effectiveDisabled(options.initialFlags);
    this.profileSetting = options.initialProfile;
  }

  /** The scheduling profile an operator set in the store as of the last poll; undefined when unset. */
  profile(): string | undefined {
    return this.profileSetting;
  }

  /** Starts polling. */
  start(): void {
    const interval = this.options.intervalMs ?? 250;
    const loop = () => {
      if (this.stopped) return;
      this.ticking = this.tick(0).then(() => undefined).finally(() => {
        this.ticking = undefined;
        if (!this.stopped) this.timer = setTimeout(loop, interval);
      });
    };
    this.timer = setTimeout(loop, interval);
  }

  /** Why `stageId` (or its pipeline) is switched off now, or undefined when it may run. */
  disabledScope(stageId: string, pipeline: string): { scope: string; why: DisabledScope } | undefined {
    return stageDisabledBy(this.disabled, stageId, pipeline);
  }

  /** Queues an audit record for the metadata store's audit_log. */
  enqueue(record: AuditRecord): void {
    this.pending.push(record);
  }

  /**
   * Stops polling and writes the remaining audit records, waiting up to `waitMs` for the store.
   * @returns false when the store stayed locked and records could not be copied (they stay in the run's _audit.jsonl).
   */
  async stop(waitMs = 5000): Promise<boolean> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
    if (!this.pending.length) return true;
    return this.tick(waitMs);
  }

  private async tick(waitMs: number): Promise<boolean> {
    const batch = this.pending;
    this.pending = [];
    let read: MetaExchange | undefined;
    try {
      read = await exchangeWithMeta(this.options.dbPath, batch, { waitMs });
    } catch {
      read = undefined;
    }
    if (!read) {
      this.pending = [...batch, ...this.pending];
      this.stats.skipped++;
      return false;
    }
    this.stats.polls++;
    if (read.profile !== this.profileSetting) {
      this.profileSetting = read.profile;
      this.options.onProfileChange?.(read.profile);
    }
    const next = effectiveDisabled(read.flags);
    const changed = next.size !== this.disabled.size || [...next].some(([k, v]) => this.disabled.get(k)?.reason !== v.reason);
    this.disabled = next;
    if (changed) this.options.onChange?.(next);
    return true;
  }
}
