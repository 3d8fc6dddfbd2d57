// Writes a form's pending draft when the page is hidden or closed (synchronously if it can) and when the form unmounts.
import { useEffect } from 'react';
import { DATABASE_CLOSING_EVENT } from '../db/database-lost';

/**
 * `writeNow` runs on page hide / close (it must not wait for promises: the page may be gone before they settle);
 * `write` runs when the form goes away (Cancel, Escape, another incident), so the last keystrokes are kept.
 */
export function useFlushOnLeave(writeNow: () => void, write: () => Promise<void>): void {
  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden') writeNow();
    };
    window.addEventListener('pagehide', writeNow);
    // Another window is upgrading the database (or it is being removed): this is the last moment a draft can be written.
    window.addEventListener(DATABASE_CLOSING_EVENT, writeNow);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', writeNow);
      window.removeEventListener(DATABASE_CLOSING_EVENT, writeNow);
      document.removeEventListener('visibilitychange', onHidden);
      void write();
    };
  }, [writeNow, write]);
}
