// The device's sync status as the UI shows it: state, last success, last error in plain words, progress.
import type { ClockSkew } from './clock-skew';
import type { SyncProgress } from './sync-report';
import type { SyncErrorKind } from './sync-error';

export type SyncState = 'idle' | 'syncing' | 'offline' | 'failing' | 'up-to-date';

/** SyncError kinds, plus 'local-storage' when the device's own store failed (disk full, blocked database). */
export type SyncStatusErrorKind = SyncErrorKind | 'local-storage';

export interface SyncStatus {
  readonly state: SyncState;
  /** ms since 1970 of the last run that finished without error. */
  readonly lastSuccessAt: number | null;
  /**
   * When the last run that pulled everything HQ had (not stopped at its page budget) started: everything HQ held
   * then is on this device. Decisions that must not overrule other laptops' changes (automatic close) wait for it.
   */
  readonly caughtUpFrom: number | null;
  readonly lastError: { readonly kind: SyncStatusErrorKind; readonly message: string } | null;
  /** While syncing: n of m. */
  readonly progress: SyncProgress | null;
  /** Operations not yet at HQ after the last run (null before the first run). */
  readonly pending: number | null;
  /** The last measured clock skew; `large` means: tell the person their clock looks wrong. */
  readonly clockSkew: ClockSkew | null;
  /** When the next automatic attempt is planned (null: none, e.g. a person has to act first). */
  readonly nextAttemptAt: number | null;
  /** Why changes are still waiting after the last run, in HQ's words (absent or null: nothing HQ turned away). */
  readonly waitingReason?: string | null;
}

export const INITIAL_SYNC_STATUS: SyncStatus = {
  state: 'idle',
  lastSuccessAt: null,
  caughtUpFrom: null,
  lastError: null,
  progress: null,
  pending: null,
  clockSkew: null,
  nextAttemptAt: null,
};
