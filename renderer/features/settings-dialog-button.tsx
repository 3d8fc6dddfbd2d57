// A top-bar button that opens one settings screen as a native modal <dialog>: the page behind is inert, Escape or ✕ closes it, focus returns to the button.
import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useKeepFocusInside } from './use-keep-focus-inside';

interface SettingsDialogButtonProps {
  /** The button's text, e.g. "Sync settings". */
  label: string;
  /** The dialog's visible title and accessible name. */
  dialogLabel: string;
  /** The ✕ button's accessible name, e.g. "Close sync settings". */
  closeLabel: string;
  children: ReactNode;
}

export function SettingsDialogButton({ label, dialogLabel, closeLabel, children }: SettingsDialogButtonProps) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // After the dialog has left the page: while it is modal the button is inert and cannot take focus.
  useEffect(() => {
    if (!open && wasOpen.current) buttonRef.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <>
      <button ref={buttonRef} type="button" className="ghost" onClick={() => setOpen(true)} aria-expanded={open} aria-haspopup="dialog">
        {label}
      </button>
      {open && (
        <SettingsDialog label={dialogLabel} closeLabel={closeLabel} onClose={() => setOpen(false)}>
          {children}
        </SettingsDialog>
      )}
    </>
  );
}

function SettingsDialog({ label, closeLabel, onClose, children }: { label: string; closeLabel: string; onClose: () => void; children: ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    closeRef.current?.focus();
    // Escape from anywhere, even with focus on <body> after a button inside went away. Bubble phase, so a control
    // inside that uses Escape itself (and says so with preventDefault) keeps it; stopped here, so the app's own
    // Escape ("close the pane") does not also act on the page behind the dialog.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      event.stopPropagation();
      onCloseRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (dialog.open) dialog.close();
    };
  }, []);
  useKeepFocusInside(dialogRef, titleRef);
  return (
    <dialog ref={dialogRef} aria-labelledby={titleId} className="help-dialog sync-dialog settings-dialog"
      // The browser's own close request (a close watcher, closeEnclosingDialog): kept open until React unmounts it, so the
      // open state has one owner and focus goes back to the opener the same way every time.
      onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <header className="help-header">
        <h2 id={titleId} ref={titleRef} tabIndex={-1}>{label}</h2>
        <button ref={closeRef} type="button" className="ghost" onClick={onClose} aria-label={closeLabel}>✕</button>
      </header>
      {children}
    </dialog>
  );
}
