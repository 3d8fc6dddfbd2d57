// The banner shown once this window's database is gone: copy what is typed first, why nothing can be saved, and the way out (reload).
import { useEffect, useRef, useState } from 'react';
import { COPY_CONFIRMATION_MS, useClipboardCopy } from '../features/use-clipboard-copy';
import { DATABASE_LOSS_WORDS } from '../db/database-lost';
import { CopyFallbackBox, copyFallbackMessage } from '../features/copy-fallback-box';
import { useDatabaseLossStore } from '../store/database-loss-store';
import { ReloadConfirm } from './reload-confirm';
import { reloadWindow } from './reload-window';
import { typedTextAsPlainText, typedTextInForms, type TypedForm } from './typed-text';
import './database-lost-banner.css';

export function DatabaseLostBanner() {
  const loss = useDatabaseLossStore((s) => s.loss);
  // The forms holding text when Reload was pressed; null while not asking.
  const [asking, setAsking] = useState<TypedForm[] | null>(null);
  const [nothingTyped, setNothingTyped] = useState(false);
  const { confirmation, fallback, copy, dismissFallback, textareaRef } = useClipboardCopy<'typed'>();
  const copyButton = useRef<HTMLButtonElement>(null);
  // Fades as "Copied" does: it describes the forms as they were at that click only.
  useEffect(() => {
    if (!nothingTyped) return;
    const timer = setTimeout(() => setNothingTyped(false), COPY_CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [nothingTyped]);
  if (loss === null) return null;
  const words = DATABASE_LOSS_WORDS[loss];
  // Both read the page at the moment of the click: text typed after the banner appeared counts, and empty forms do not.
  const reload = () => {
    const forms = typedTextInForms();
    if (forms.length === 0) reloadWindow();
    else setAsking(forms);
  };
  const copyTyped = () => {
    const forms = typedTextInForms();
    setNothingTyped(forms.length === 0);
    if (forms.length > 0) void copy('typed', typedTextAsPlainText(forms), 'Copied what was typed in open forms.');
  };
  const closeFallback = () => {
    dismissFallback();
    copyButton.current?.focus();
  };
  // One element: the app lays its rows out as a grid, and the banner is one row of it. Only the words are the alert:
  // a copy's confirmation, or the question, must not announce the banner again.
  return (
    <div className="database-lost-area">
      <div className="database-lost">
        <p role="alert">
          <strong>{words.lead}</strong> {words.detail}
        </p>
        <span role="status" className="database-lost-copied">{nothingTyped ? 'No open form holds typed text.' : confirmation}</span>
        <button ref={copyButton} type="button" onClick={copyTyped}>Copy typed text</button>
        <button type="button" onClick={reload}>Reload this window</button>
      </div>
      {fallback && (
        <CopyFallbackBox className="database-lost-fallback" message={copyFallbackMessage('typed text', fallback.reason)} label="Typed text" text={fallback.text}
          rows={Math.min(12, fallback.text.split('\n').length + 1)} textareaRef={textareaRef} onDone={closeFallback} />
      )}
      {asking && <ReloadConfirm loss={loss} forms={asking} onKeep={() => setAsking(null)} onReload={reloadWindow} />}
    </div>
  );
}
