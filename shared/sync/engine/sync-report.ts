// What one sync run did: counts for the status panel, rejected operations to show, skew and epoch resets.
import type { ClockSkew } from './clock-skew';

/** push and pull: operations (the engine); files: attachment bytes, uploaded after the operations (file-upload.ts). */
export type SyncPhase = 'push' | 'pull' | 'files';

export interface SyncProgress {
  readonly phase: SyncPhase;
  /** Operations pushed (acknowledged or rejected) or pulled, or files finished, so far in this run. */
  readonly done: number;
  /** Known for push (pending at the start) and files; pull totals are unknown to the device. */
  readonly total?: number;
}

export interface RejectedOperation {
  readonly opId: string;
  readonly deviceSeq: number;
  readonly code: string | null;
  readonly reason: string;
}

export interface SyncReport {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly pushed: { readonly applied: number; readonly duplicate: number; readonly rejected: number; readonly retryLater: number; readonly capped: number };
  /** Operations HQ refused for good in this run (kept locally, marked rejected). */
  readonly rejected: readonly RejectedOperation[];
  readonly pulled: { readonly ops: number; readonly pages: number; /** false when the page budget ran out; the next run continues. */ readonly complete: boolean };
  readonly epochResets: number;
  /** Times this run renumbered pending operations (HQ held their numbers: the device was restored from an older copy). */
  readonly renumbered: number;
  readonly epoch: string | null;
  /** The last measured skew of this run (null if HQ never answered). */
  readonly clockSkew: ClockSkew | null;
  /** Operations still pending after the run (retry-later ones, or edits made during the run). */
  readonly pendingAfter: number;
  /** HQ's words for the first operation it could not take yet in this run (e.g. it runs an older Lantern); null: none. */
  readonly waitingReason: string | null;
}

/** Mutable counters while a run is in progress. */
export interface ReportDraft {
  startedAt: number;
  pushed: { applied: number; duplicate: number; rejected: number; retryLater: number; capped: number };
  rejected: RejectedOperation[];
  pulled: { ops: number; pages: number; complete: boolean };
  epochResets: number;
  renumbered: number;
  epoch: string | null;
  clockSkew: ClockSkew | null;
  waitingReason: string | null;
}

export function newReportDraft(startedAt: number): ReportDraft {
  return {
    startedAt,
    pushed: { applied: 0, duplicate: 0, rejected: 0, retryLater: 0, capped: 0 },
    rejected: [],
    pulled: { ops: 0, pages: 0, complete: false },
    epochResets: 0,
    renumbered: 0,
    epoch: null,
    clockSkew: null,
    waitingReason: null,
  };
}
