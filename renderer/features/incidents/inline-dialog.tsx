// A non-modal dialog shown in place (status change, escalation): named, focus moves in, Escape closes it without closing the pane,
// and closing puts focus back on the button that opened it.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/** The inline dialogs now open, newest last (a global Escape closes the newest first). */
const openDialogs: { close: () => void; holdsTypedText: boolean }[] = [];

/**
 * Closes the newest open inline dialog, if any, and says whether it did. For the global Escape: when focus has
 * left the panel (a click beside it, a control that went away), Escape still closes the panel, not the incident.
 */
export function closeNewestInlineDialog(): boolean {
  const newest = openDialogs.at(-1);
  if (!newest) return false;
  newest.close();
  return true;
}

/** Whether a panel holding typed text (status, escalation) is open: a shortcut that would replace the pane waits, or the text is lost. */
export function anyInlineDialogOpen(): boolean {
  return openDialogs.some((dialog) => dialog.holdsTypedText);
}

/**
 * Open state of one inline dialog and its opener. `close()` returns focus to the opener when focus was in the
 * panel (or nowhere), so Escape, Back and a finished change all leave the keyboard where the person started.
 */
export function useInlineDialog() {
  const [open, setOpen] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const close = useCallback(() => {
    const active = document.activeElement;
    const focusWasInPanel = !active || active === document.body || (panelRef.current?.contains(active) ?? false);
    setOpen(false);
    if (focusWasInPanel) openerRef.current?.focus();
  }, []);
  const toggle = useCallback(() => {
    if (open) close();
    else setOpen(true);
  }, [open, close]);
  return { open, toggle, close, openerRef, panelRef };
}

export function InlineDialog({ label, onClose, panelRef, children, holdsTypedText = true }: {
  label: string;
  onClose: () => void;
  panelRef: RefObject<HTMLElement | null>;
  children: ReactNode;
  /** False for a panel whose choices survive it being replaced (the activity log keeps them): N and S need not wait. */
  holdsTypedText?: boolean;
}) {
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    panelRef.current?.querySelector<HTMLElement>('select, input, textarea, button')?.focus();
  }, [panelRef]);
  useEffect(() => {
    const entry = { close: () => onCloseRef.current(), holdsTypedText };
    openDialogs.push(entry);
    return () => {
      openDialogs.splice(openDialogs.indexOf(entry), 1);
    };
  }, [holdsTypedText]);
  return (
    <section
      ref={panelRef}
      role="dialog"
      aria-label={label}
      className="inline-dialog"
      // Focusable (not in the tab order): a click on the panel's text keeps focus in the panel, so Escape still closes it.
      tabIndex={-1}
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

/**
 * After a refused save, once the errors are on screen: focus the first field marked invalid, else keep focus in the
 * panel (never on the page body, where Escape would close the incident). Call the returned function on each refusal.
 */
export function useFocusFirstInvalid(panelRef: RefObject<HTMLElement | null>): () => void {
  const [request, setRequest] = useState(0);
  useEffect(() => {
    const panel = panelRef.current;
    if (request === 0 || !panel) return;
    const invalid = panel.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else if (!panel.contains(document.activeElement)) panel.querySelector<HTMLElement>('select, input, textarea, button')?.focus();
  }, [request, panelRef]);
  return useCallback(() => setRequest((n) => n + 1), []);
}

/** An inline error under a field, announced when it appears. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} role="alert" className="field-error">
      {message}
    </p>
  ) : null;
}
