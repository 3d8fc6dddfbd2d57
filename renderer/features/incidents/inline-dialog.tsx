// A non-modal dialog shown in place (status change, escalation): named, focus moves in, Escape closes it without closing the pane.
import { useEffect, useRef, type ReactNode } from 'react';

export function InlineDialog({ label, onClose, children }: { label: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('select, input, textarea, button')?.focus();
  }, []);
  return (
    <section
      ref={ref}
      role="dialog"
      aria-label={label}
      className="inline-dialog"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          // Handled here: the global Escape (close the incident) must not fire as well.
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <h3>{label}</h3>
      {children}
    </section>
  );
}

/** An inline error under a field, announced when it appears. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} role="alert" className="field-error">
      {message}
    </p>
  ) : null;
}
