// Whether a page shortcut (J/K, N, S, C, E, G, /, ?) must leave a key alone: it was pressed in a dialog, or a modal is open.
/** True when `target` is inside a dialog (inline panel, popover, <dialog>) or a modal dialog covers the page. */
export function keyBelongsToDialog(target: EventTarget | null): boolean {
  if (target instanceof Element && target.closest('[role="dialog"], [role="alertdialog"], dialog') !== null) return true;
  // Focus can sit on <body> while a modal is open (its focused button went away): the page behind still must not act.
  return document.querySelector('[aria-modal="true"]') !== null || [...document.querySelectorAll('dialog[open]')].some(isModal);
}

function isModal(dialog: Element): boolean {
  try {
    return dialog.matches(':modal');
  } catch {
    // A DOM without :modal (jsdom): our own modals also say aria-modal, checked above.
    return false;
  }
}
