// Which window works on which capture draft: a Web Lock per draft, held while a form has it open, gone when its window closes or crashes.
import { profileLocks } from '../../host/browser-sync';

/** Every lock of this kind is named so; the rest of the name is the draft's id. */
export const CAPTURE_DRAFT_LOCK_PREFIX = 'lantern-capture-draft:';

export function captureDraftLockName(draftId: string): string {
  return `${CAPTURE_DRAFT_LOCK_PREFIX}${draftId}`;
}

/** The part of the Web Locks API used here; `query` is optional (a claim is still safe without it, only not shown ahead). */
export type DraftLocks = Pick<LockManager, 'request'> & Partial<Pick<LockManager, 'query'>>;

export interface DraftClaims {
  /**
   * Claims the draft for this window unless another window holds it: true when claimed (or when this browser has no
   * Web Locks, where every window goes on as before). Each true answer is matched by one `release`.
   */
  claim(draftId: string): Promise<boolean>;
  /** Gives one claim back; the lock goes once none is left (a moment later, so an immediate claim again keeps it). */
  release(draftId: string): void;
  /** Drafts other windows of this browser profile hold now (empty when that cannot be known). */
  heldElsewhere(): Promise<ReadonlySet<string>>;
  /** False without the Web Locks API: there is nothing to watch, and every claim succeeds. */
  readonly shared: boolean;
}

interface Claim {
  count: number;
  granted: Promise<boolean>;
  /** Set once the lock is ours: resolving it ends the lock request, which lets the lock go. */
  unlock?: () => void;
  closed: boolean;
  letGo?: ReturnType<typeof setTimeout>;
}

export function createDraftClaims(locks: DraftLocks | undefined): DraftClaims {
  const claims = new Map<string, Claim>();

  const close = (draftId: string, claim: Claim) => {
    claim.closed = true;
    if (claims.get(draftId) === claim) claims.delete(draftId);
    claim.unlock?.();
  };

  const open = (draftId: string): Claim => {
    const claim: Claim = { count: 1, granted: Promise.resolve(false), closed: false };
    claim.granted = new Promise<boolean>((resolve) => {
      if (!locks) return;
      // ifAvailable: never wait behind another window; its answer is null at once while that window holds the draft.
      locks
        .request(captureDraftLockName(draftId), { ifAvailable: true }, (lock) => {
          if (!lock || claim.closed) {
            resolve(lock !== null && !claim.closed);
            return undefined;
          }
          resolve(true);
          return new Promise<void>((unlock) => {
            claim.unlock = unlock;
          });
        })
        .catch(() => resolve(false));
    });
    void claim.granted.then((ok) => {
      if (!ok) close(draftId, claim);
    });
    claims.set(draftId, claim);
    return claim;
  };

  return {
    shared: locks !== undefined,
    claim: (draftId) => {
      if (!locks) return Promise.resolve(true);
      const existing = claims.get(draftId);
      if (!existing) return open(draftId).granted;
      existing.count += 1;
      clearTimeout(existing.letGo);
      existing.letGo = undefined;
      return existing.granted;
    },
    release: (draftId) => {
      const claim = claims.get(draftId);
      if (!claim) return;
      claim.count -= 1;
      if (claim.count > 0) return;
      // Not at once: a form that lets a draft go and takes it straight back (React's checks remount it) keeps the lock,
      // which another window might otherwise take in between.
      clearTimeout(claim.letGo);
      claim.letGo = setTimeout(() => close(draftId, claim), 0);
    },
    heldElsewhere: async () => {
      if (!locks?.query) return new Set();
      try {
        const snapshot = await locks.query();
        const names = (snapshot.held ?? []).map((lock) => lock.name ?? '');
        return new Set(names.filter((name) => name.startsWith(CAPTURE_DRAFT_LOCK_PREFIX)).map((name) => name.slice(CAPTURE_DRAFT_LOCK_PREFIX.length)).filter((id) => !claims.has(id)));
      } catch {
        return new Set();
      }
    },
  };
}

let windowClaims: DraftClaims | undefined;

/** This window's claims, on the lock manager every window of the browser profile shares. */
export function windowDraftClaims(): DraftClaims {
  windowClaims ??= createDraftClaims(typeof window === 'undefined' ? undefined : profileLocks(window));
  return windowClaims;
}
