// Progress of a long schema upgrade, reported by the upgrade step and shown by the start screen while the database opens.

export interface UpgradeProgress {
  /**
   * What the upgrade is doing, in words a person understands, with its place among the steps of this open
   * ("Placing incidents in SLA order (step 2 of 5)"): one upgrade may run several steps, each counting from zero,
   * and the same words for two of them read as a restart.
   */
  phase: string;
  /** This step's number (from 1) and how many steps this open runs. */
  step: number;
  steps: number;
  done: number;
  total: number;
}

/** How an upgrade reports: the words of one of its steps (as its schema entry lists them) and how far that step is. */
export type ReportUpgradeStep = (words: string, done: number, total: number) => void;

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

/**
 * The reporter for one open whose upgrades run the steps `plan` (in order). Words not in the plan (a step someone
 * forgot to list) are still shown, numbered after the planned ones, rather than hidden.
 */
export function upgradeStepReporter(plan: readonly string[]): ReportUpgradeStep {
  const steps = [...plan];
  return (words, done, total) => {
    let index = steps.indexOf(words);
    if (index < 0) index = steps.push(words) - 1;
    reportUpgradeProgress({ phase: `${words} (step ${index + 1} of ${steps.length})`, step: index + 1, steps: steps.length, done, total });
  };
}
