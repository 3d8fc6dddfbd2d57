// What every route module gets: the store, the push service, HQ's clock and the configured limits.
import type { HqStore } from '../store/types';
import type { LostHistoryGuard } from '../sync/lost-history';
import type { PushService } from '../sync/push-service';
import type { RateLimit } from './rate-limiter';
import type { SecurityLog } from './security-log';

export interface Clock {
  now(): number;
}

export interface HqLimits {
  readonly pushBodyBytes: number;
  readonly jsonBodyBytes: number;
  readonly fileChunkBytes: number;
  readonly maxFileBytes: number;
  readonly rateLimit: RateLimit;
}

export interface RouteContext {
  readonly store: HqStore;
  /** Pushes go through it, so concurrent pushes share one transaction (group commit). */
  readonly pushes: PushService;
  /** Notices history HQ lost (a restore without a new epoch) and starts one epoch of its own. */
  readonly lostHistory: LostHistoryGuard;
  readonly clock: Clock;
  readonly limits: HqLimits;
  readonly allowOrigins: ReadonlySet<string>;
  readonly securityLog: SecurityLog;
}
