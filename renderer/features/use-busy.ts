// One save at a time per form: a second press of Enter or a double click while the first save runs is ignored.
import { useCallback, useRef, useState } from 'react';

/**
 * `run(work)` runs `work` unless one is already running (then it resolves undefined at once); `busy` is for the UI.
 * A ref, not only state: two key presses can arrive before React re-renders with the new state.
 */
export function useBusy() {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      return await work();
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
