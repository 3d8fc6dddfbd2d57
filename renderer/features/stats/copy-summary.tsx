// "Copy summary": the figures on screen as plain text on the clipboard, or in a selected text box when it is refused.
import { useEffect, useRef, useState } from 'react';

/** How long "Copied" stays on screen; long enough to read, short enough not to describe an older copy. */
const CONFIRMATION_MS = 4000;

export function CopySummary({ text }: { text: () => string }) {
  const [confirmation, setConfirmation] = useState('');
  const [fallback, setFallback] = useState<{ text: string; reason: string } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  const copy = async () => {
    const summary = text();
    setConfirmation('');
    setFallback(null);
    // Electron and browsers may have no clipboard API (insecure origin) or refuse it (no focus, no permission).
    const clipboard = typeof navigator === 'undefined' ? undefined : (navigator.clipboard as Clipboard | undefined);
    if (typeof clipboard?.writeText !== 'function') {
      setFallback({ text: summary, reason: 'This window has no access to the clipboard.' });
      return;
    }
    try {
      await clipboard.writeText(summary);
      setConfirmation('Copied the summary.');
    } catch {
      setFallback({ text: summary, reason: 'The clipboard refused the text (the window may not have focus or permission).' });
    }
  };

  useEffect(() => {
    if (confirmation === '') return;
    const timer = setTimeout(() => setConfirmation(''), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [confirmation]);

  // Selected and focused, so Ctrl+C (⌘C) copies it at once.
  useEffect(() => {
    if (!fallback) return;
    box.current?.focus();
    box.current?.select();
  }, [fallback]);

  const close = () => {
    setFallback(null);
    button.current?.focus();
  };

  return (
    <>
      <button ref={button} type="button" onClick={() => void copy()} title="The figures as plain text, for SMS, radio or e-mail">
        Copy summary
      </button>
      <span className="stats-copied" role="status">
        {confirmation}
      </span>
      {fallback && (
        <div className="stats-copy-fallback">
          <p>{fallback.reason} Copy the text below with Ctrl+C (⌘C).</p>
          <textarea
            ref={box}
            aria-label="Summary text"
            readOnly
            rows={Math.min(14, fallback.text.split('\n').length + 1)}
            value={fallback.text}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                close();
              }
            }}
          />
          <button type="button" onClick={close}>
            Done
          </button>
        </div>
      )}
    </>
  );
}
