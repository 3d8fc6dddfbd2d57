// Printing a document built on demand (a briefing, an activity log): put in the page, printed, and taken out after printing.
import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/** Takes the document of whichever hook printed last out of the page, so two never print together. */
let clearLastPrinted: (() => void) | null = null;

/**
 * `print(build, unavailable)` builds the document when asked (so it says what is true at that moment), commits it
 * to the page before print() reads the page (flushSync), prints, and removes it on 'afterprint', so a later Ctrl+P
 * prints the app again. Render `printed` (when not null) in a portal the print CSS shows alone.
 */
export function usePrintOnce<T>() {
  const [printed, setPrinted] = useState<T | null>(null);
  const [printError, setPrintError] = useState<string | null>(null);
  const clear = useRef(() => setPrinted(null));

  useEffect(() => {
    const own = clear.current;
    return () => {
      if (clearLastPrinted === own) clearLastPrinted = null;
    };
  }, []);

  const print = useCallback((build: () => T, unavailable: string) => {
    setPrintError(null);
    if (clearLastPrinted && clearLastPrinted !== clear.current) clearLastPrinted();
    clearLastPrinted = clear.current;
    flushSync(() => setPrinted(build()));
    const printedAway = () => setPrinted(null);
    window.addEventListener('afterprint', printedAway, { once: true });
    try {
      window.print();
    } catch {
      window.removeEventListener('afterprint', printedAway);
      setPrinted(null);
      setPrintError(unavailable);
    }
  }, []);

  return { printed, printError, print };
}
