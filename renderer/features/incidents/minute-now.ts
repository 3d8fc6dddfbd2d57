// One "now" for every live SLA clock on screen, refreshed on each whole minute: the list and the header never disagree.
import { useSyncExternalStore } from 'react';

export const SLA_TICK_MS = 60_000;

const listeners = new Set<() => void>();
let current = Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule(): void {
  timer = setTimeout(() => {
    current = Date.now();
    for (const listener of listeners) listener();
    schedule();
  }, SLA_TICK_MS - (Date.now() % SLA_TICK_MS) + 5);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) schedule();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

/**
 * While nothing is subscribed no tick runs, so the first reader after a pause takes the time afresh (once per minute,
 * so repeated reads during one render agree). While clocks are on screen, every reader gets the same tick: a list
 * mounted at 10:20:50 and a header opened at 10:21:40 used to round the same deadline a minute apart.
 */
function snapshot(): number {
  if (listeners.size === 0) {
    const now = Date.now();
    if (Math.floor(now / SLA_TICK_MS) !== Math.floor(current / SLA_TICK_MS)) current = now;
  }
  return current;
}

/** Date.now(), refreshed on each whole minute (clocks show minutes, so one render a minute), shared by every clock. */
export function useMinuteNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
