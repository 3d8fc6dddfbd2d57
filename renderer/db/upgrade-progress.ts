// Progress of a long schema upgrade, reported by the upgrade step and shown by the start screen while the database opens.

export interface UpgradeProgress {
  /** What the upgrade is doing, in words a person understands. */
  phase: 'Reading incident history' | 'Updating incidents';
  done: number;
  total: number;
}

type Listener = (progress: UpgradeProgress) => void;
const listeners = new Set<Listener>();

/** Subscribes to upgrade progress; returns the unsubscribe. */
export function onUpgradeProgress(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportUpgradeProgress(progress: UpgradeProgress): void {
  for (const listener of listeners) listener(progress);
}
