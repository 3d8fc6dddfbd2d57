// Top-bar "Sync settings" button that opens Settings → Sync as a dialog (Escape or ✕ closes it).
import { useEffect, useRef, useState } from 'react';
import { SyncSettings } from './sync-settings';

export function SyncSettingsButton() {
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
        Sync settings
      </button>
      {open && <SyncSettingsDialog onClose={close} />}
    </>
  );
}

export function SyncSettingsDialog({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="help-backdrop">
      <section role="dialog" aria-modal="true" aria-label="Sync settings" className="help-dialog sync-dialog"
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onClose(); } }}>
        <header className="help-header">
          <h2>Settings</h2>
          <button ref={closeRef} type="button" className="ghost" onClick={onClose} aria-label="Close sync settings">✕</button>
        </header>
        <SyncSettings />
      </section>
    </div>
  );
}
