// Copying text for people: to the clipboard with a short-lived "Copied", or into a selected text box when refused.
import { useCallback, useEffect, useRef, useState } from 'react';

/** How long "Copied" stays on screen; long enough to read, short enough not to describe an older copy. */
export const COPY_CONFIRMATION_MS = 4000;

/** Text the clipboard would not take, shown for the person to copy by hand; `kind` says which button it came from. */
export interface CopyFallback<K> {
  readonly kind: K;
  readonly text: string;
  readonly reason: string;
}

/**
 * `copy(kind, text, confirmed)` puts `text` on the clipboard and shows `confirmed`, or, where there is no clipboard or
 * it refuses (an insecure origin, no focus, no permission), keeps the text as `fallback`: put it in a text box with
 * `textareaRef`, which is then focused with the text selected, so Ctrl+C (⌘C) copies it at once.
 */
export function useClipboardCopy<K>() {
  const [confirmation, setConfirmation] = useState('');
  const [fallback, setFallback] = useState<CopyFallback<K> | null>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);

  const copy = useCallback(async (kind: K, text: string, confirmed: string) => {
    setConfirmation('');
    setFallback(null);
    const clipboard = typeof navigator === 'undefined' ? undefined : (navigator.clipboard as Clipboard | undefined);
    if (typeof clipboard?.writeText !== 'function') {
      setFallback({ kind, text, reason: 'This window has no access to the clipboard.' });
      return;
    }
    try {
      await clipboard.writeText(text);
      setConfirmation(confirmed);
    } catch {
      setFallback({ kind, text, reason: 'The clipboard refused the text (the window may not have focus or permission).' });
    }
  }, []);

  // The confirmation fades after a few seconds; a new copy restarts the clock.
  useEffect(() => {
    if (confirmation === '') return;
    const timer = setTimeout(() => setConfirmation(''), COPY_CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [confirmation]);

  useEffect(() => {
    if (!fallback) return;
    textareaRef.current?.focus();
    textareaRef.current?.select();
  }, [fallback]);

  const dismissFallback = useCallback(() => setFallback(null), []);
  return { confirmation, fallback, copy, dismissFallback, textareaRef };
}
