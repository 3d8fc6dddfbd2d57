// A top-bar button that opens one settings screen as a modal dialog (Escape or ✕ closes it, focus returns to the button).
import { useEffect, useRef, useState, type ReactNode } from 'react';

interface SettingsDialogButtonProps {
  /** The button's text, e.g. "Sync settings". */
  label: string;
  /** The dialog's accessible name. */
  dialogLabel: string;
  /** The ✕ button's accessible name, e.g. "Close sync settings". */
  closeLabel: string;
  children: ReactNode;
}

export function SettingsDialogButton({ label, dialogLabel, closeLabel, children }: SettingsDialogButtonProps) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    // Back to where the person was, so the keyboard flow continues from the top bar.
    buttonRef.current?.focus();
  };
  return (
    <>
      <button ref={buttonRef} type="button" className="ghost" onClick={() => setOpen(true)} aria-expanded={open} aria-haspopup="dialog">
        {label}
      </button>
      {open && (
        <SettingsDialog label={dialogLabel} closeLabel={closeLabel} onClose={close}>
          {children}
        </SettingsDialog>
      )}
    </>
  );
}

function SettingsDialog({ label, closeLabel, onClose, children }: { label: string; closeLabel: string; onClose: () => void; children: ReactNode }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="help-backdrop">
      <section role="dialog" aria-modal="true" aria-label={label} className="help-dialog sync-dialog"
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onClose(); } }}>
        <header className="help-header">
          <h2>Settings</h2>
          <button ref={closeRef} type="button" className="ghost" onClick={onClose} aria-label={closeLabel}>✕</button>
        </header>
        {children}
      </section>
    </div>
  );
}
