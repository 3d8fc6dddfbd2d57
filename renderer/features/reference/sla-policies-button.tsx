// Top-bar "SLA policies" button that opens Settings → SLA policies as a dialog (Escape or ✕ closes it).
import { useEffect, useRef, useState } from 'react';
import { SlaPoliciesSettings } from './sla-policies-settings';

export function SlaPoliciesButton() {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  return (
    <>
      <button ref={buttonRef} type="button" className="ghost" onClick={() => setOpen(true)} aria-expanded={open} aria-haspopup="dialog">
        SLA policies
      </button>
      {open && <SlaPoliciesDialog onClose={close} />}
    </>
  );
}

export function SlaPoliciesDialog({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="help-backdrop">
      <section role="dialog" aria-modal="true" aria-label="SLA policy settings" className="help-dialog sync-dialog"
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onClose(); } }}>
        <header className="help-header">
          <h2>Settings</h2>
          <button ref={closeRef} type="button" className="ghost" onClick={onClose} aria-label="Close SLA policy settings">✕</button>
        </header>
        <SlaPoliciesSettings />
      </section>
    </div>
  );
}
