// Asks the modal <dialog> around an element to close, as Escape would: its owner's cancel handler decides and updates its state.
/**
 * A control inside a settings dialog that takes the person elsewhere (e.g. "Open incident") must close the dialog, but
 * the dialog's open state belongs to the button that opened it. A cancel event is the browser's own close request,
 * which that dialog already handles (settings-dialog-button.tsx), so no state is closed behind React's back.
 */
export function closeEnclosingDialog(element: Element): void {
  const dialog = element.closest('dialog');
  if (!dialog?.open) return;
  const request = new Event('cancel', { cancelable: true });
  // Nobody handled it (no owner listening): close it natively, as the browser would.
  if (dialog.dispatchEvent(request)) dialog.close();
}
