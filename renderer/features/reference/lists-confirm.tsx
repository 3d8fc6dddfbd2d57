// An inline confirmation inside the lists editor: says what will happen, focus starts on Cancel (the safe choice), Escape cancels without closing the dialog.
import { useEffect, useRef, type ReactNode } from 'react';

interface ListsConfirmProps {
  /** The group's accessible name, e.g. "Remove Facility?". */
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}

export function ListsConfirm({ label, confirmLabel, onConfirm, onCancel, children }: ListsConfirmProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div role="group" aria-label={label} className="lists-confirm"
      onKeyDown={(e) => {
        // preventDefault tells the settings dialog this Escape is taken (it closes only on an Escape nobody used).
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onCancel();
      }}>
      {children}
      <div className="actions">
        <button type="button" className="lists-danger" onClick={onConfirm}>{confirmLabel}</button>
        <button ref={cancelRef} type="button" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}
