// What every route module gets: the store, HQ's clock and the configured limits.
import type { HqStore } from '../store/types';
import type { RateLimit } from './rate-limiter';

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
  readonly clock: Clock;
  readonly limits: HqLimits;
  readonly allowOrigins: ReadonlySet<string>;
}
