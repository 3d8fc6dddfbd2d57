// A token bucket per key (verified device or admin token, or address): a burst is fine, a flood gets 429.
export interface RateLimit {
  /** Sustained requests per second. */
  readonly perSecond: number;
  /** Requests allowed at once after a quiet period. */
  readonly burst: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export const MAX_BUCKETS = 50_000;

export class RateLimiter {
  /** In least-recently-used order (a Map keeps insertion order; every use re-inserts its key at the end). */
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
    private readonly maxBuckets = MAX_BUCKETS,
  ) {}

  /** 0 when the request may go ahead (and is counted), else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.refill(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.waitSeconds(bucket);
  }

  /** Gives back one request taken from `key` (it turned out to be charged to the wrong bucket); never above the burst. */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.limit.burst, bucket.tokens + 1);
  }

  /** Whether `key` already has a bucket (only keys the caller has verified get one). */
  has(key: string): boolean {
    return this.buckets.has(key);
  }

  get size(): number {
    return this.buckets.size;
  }

  private waitSeconds(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  private tokensAt(bucket: Bucket, now: number): number {
    const elapsed = Math.max(0, now - bucket.updatedMs) / 1000;
    return Math.min(this.limit.burst, bucket.tokens + elapsed * this.limit.perSecond);
  }

  private refill(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      // Forget the least recently used key, never everyone: clearing all would hand a flooder fresh budgets.
      while (this.buckets.size >= this.maxBuckets) {
        const oldest = this.buckets.keys().next();
        if (oldest.done) break;
        this.buckets.delete(oldest.value);
      }
      bucket = { tokens: this.limit.burst, updatedMs: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    bucket.tokens = this.tokensAt(bucket, now);
    bucket.updatedMs = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    return bucket;
  }
}
