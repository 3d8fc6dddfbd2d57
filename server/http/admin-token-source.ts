// The admin token's hash as the store holds it, cached a few seconds: a token rotated on one instance ends everywhere.
import type { HqStore } from '../store/types';
import type { Clock } from './context';

/** How long an instance may go on accepting an admin token another instance has replaced. */
export const ADMIN_TOKEN_CACHE_MS = 5_000;

export class AdminTokenSource {
  private cached: { hash: string; at: number } | null = null;

  constructor(
    private readonly store: HqStore,
    private readonly clock: Clock,
  ) {}

  /** The stored hash (null: none yet, e.g. in the moment between listening and storing it at the first start). */
  async hash(): Promise<string | null> {
    const now = this.clock.now();
    if (this.cached && now - this.cached.at < ADMIN_TOKEN_CACHE_MS && now >= this.cached.at) return this.cached.hash;
    const hash = (await this.store.meta()).adminTokenHash;
    // "None yet" is not cached: the CLI stores the hash right after listening, and it must work at once.
    this.cached = hash === null ? null : { hash, at: now };
    return hash;
  }
}
