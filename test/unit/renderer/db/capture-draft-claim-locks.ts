// A fake Web Locks manager shared by simulated windows of one browser profile: exclusive locks per name, per-window crash.
import type { DraftLocks } from '../../../../renderer/features/capture/draft-claims';

type Work = (lock: Lock | null) => unknown;

interface Holder {
  window: string;
  /** Ends the hold, as the browser does when the window's work settles or the window goes away. */
  end: () => void;
}

interface Waiter {
  window: string;
  grant: () => void;
}

/**
 * As a browser gives the API to every window of a profile: a lock is granted a task later to one window at a time,
 * `ifAvailable` answers null at once while another holds it, and a window that crashes or closes loses every lock it held
 * (its callbacks never run again).
 */
export class FakeLockManager {
  private readonly holders = new Map<string, Holder>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly gone = new Set<string>();

  /** The lock manager as window `name` sees it. */
  window(name: string): DraftLocks {
    const request = (lockName: string, optionsOrWork: LockOptions | Work, maybeWork?: Work): Promise<unknown> => {
      const options = typeof optionsOrWork === 'function' ? {} : optionsOrWork;
      const work = (typeof optionsOrWork === 'function' ? optionsOrWork : maybeWork) as Work;
      return new Promise((resolve, reject) => {
        const grant = () => {
          let ended = false;
          const end = () => {
            if (ended) return;
            ended = true;
            if (this.holders.get(lockName)?.end === end) this.holders.delete(lockName);
            this.next(lockName);
          };
          this.holders.set(lockName, { window: name, end });
          Promise.resolve()
            .then(() => work({ name: lockName, mode: 'exclusive' } as Lock))
            .then(resolve, reject)
            .finally(end);
        };
        setTimeout(() => {
          if (this.gone.has(name)) return;
          if (!this.holders.has(lockName) && (this.waiters.get(lockName)?.length ?? 0) === 0) grant();
          else if (options.ifAvailable) Promise.resolve().then(() => work(null)).then(resolve, reject);
          else this.waiters.set(lockName, [...(this.waiters.get(lockName) ?? []), { window: name, grant }]);
        }, 0);
      });
    };
    const query = (): Promise<LockManagerSnapshot> =>
      Promise.resolve({ held: [...this.holders].map(([lockName, holder]) => ({ name: lockName, mode: 'exclusive', clientId: holder.window })), pending: [] });
    return { request: request as LockManager['request'], query };
  }

  /** The window closes or crashes without running any of its code: the browser takes its locks back. */
  crash(name: string): void {
    this.gone.add(name);
    for (const [lockName, holder] of [...this.holders]) if (holder.window === name) {
      this.holders.delete(lockName);
      this.next(lockName);
    }
  }

  /** Names of the locks window `name` holds now. */
  heldBy(name: string): string[] {
    return [...this.holders].filter(([, holder]) => holder.window === name).map(([lockName]) => lockName);
  }

  private next(lockName: string): void {
    const queue = this.waiters.get(lockName) ?? [];
    const waiter = queue.shift();
    if (queue.length === 0) this.waiters.delete(lockName);
    else this.waiters.set(lockName, queue);
    if (waiter && !this.gone.has(waiter.window)) waiter.grant();
    else if (waiter) this.next(lockName);
  }
}
