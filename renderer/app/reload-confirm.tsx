// Asks before the banner's Reload empties forms that still hold typed text the lost database can no longer keep.
import { useEffect, useId, useRef } from 'react';
import type { DatabaseLoss } from '../db/database-lost';
import { CopyFallbackBox, copyFallbackMessage } from '../features/copy-fallback-box';
import { useClipboardCopy } from '../features/use-clipboard-copy';
import { typedTextAsPlainText, type TypedForm } from './typed-text';
import './reload-confirm.css';

const LOST_TEXT: Record<DatabaseLoss, string> = {
  removed: 'It cannot be kept on this computer any more, and reloading empties the forms.',
  // Drafts were written as the update began; text typed since, and text in forms without drafts, was not.
  updated: 'Reloading empties the forms: what was not kept as a draft when Lantern was updated is lost.',
};

/**
 * A native modal <dialog> (as the shortcut help): the page behind is inert. Focus starts on "Keep this window", the
 * safe answer, so Enter or Escape pressed out of habit keeps the text; closing gives focus back to what opened it.
 */
export function ReloadConfirm({ loss, forms, onKeep, onReload }: { loss: DatabaseLoss; forms: readonly TypedForm[]; onKeep: () => void; onReload: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  const { confirmation, fallback, copy, dismissFallback, textareaRef } = useClipboardCopy<'typed'>();
  useEffect(() => {
    const dialog = dialogRef.current;
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    keepRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      // After close(): while the dialog is modal nothing behind it can take focus.
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  const closeFallback = () => {
    dismissFallback();
    copyRef.current?.focus();
  };
  return (
    <dialog ref={dialogRef} role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={textId} className="help-dialog reload-confirm"
      // The browser's own Escape (cancel): closed through React, so focus goes back the same way every time.
      onCancel={(e) => { e.preventDefault(); onKeep(); }}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onKeep(); } }}>
      <h2 id={titleId}>Reload and lose what you typed?</h2>
      <div id={textId}>
        <p>These open forms hold text you typed:</p>
        <ul className="reload-confirm-forms">
          {forms.map((form, i) => (
            // Two forms may share a name (two notes); their order on the page does not change while this is open.
            <li key={i}><strong>{form.name}</strong>: {form.fields.map((field) => field.label).join(', ')}</li>
          ))}
        </ul>
        <p>{LOST_TEXT[loss]} Copy it first (into an e-mail or a text file, for example), then reload.</p>
      </div>
      <div className="reload-confirm-actions">
        <button ref={copyRef} type="button" className="primary" onClick={() => void copy('typed', typedTextAsPlainText(forms), 'Copied what was typed in open forms.')}>
          Copy typed text
        </button>
        <button type="button" className="reload-confirm-lose" onClick={onReload}>Reload and lose it</button>
        <button ref={keepRef} type="button" onClick={onKeep}>Keep this window</button>
      </div>
      {/* Always in the page, so screen readers announce the confirmation when its text appears. */}
      <p className="reload-confirm-copied" role="status">{confirmation}</p>
      {fallback && (
        <CopyFallbackBox message={copyFallbackMessage('typed text', fallback.reason)} label="Typed text" text={fallback.text}
          rows={Math.min(12, fallback.text.split('\n').length + 1)} textareaRef={textareaRef} onDone={closeFallback} />
      )}
    </dialog>
  );
}
