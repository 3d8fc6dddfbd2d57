// Keeps keyboard focus inside a modal: Tab wraps at the ends, and focus lost to <body> (its button went away) comes back nearby.
import { useEffect, type RefObject } from 'react';

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function tabbables(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => !el.closest('[hidden], [inert]'));
}

/** a comes before b in the page and is not inside it. */
function comesBefore(a: Node, b: Node): boolean {
  const position = b.compareDocumentPosition(a);
  return (position & Node.DOCUMENT_POSITION_PRECEDING) !== 0 && (position & Node.DOCUMENT_POSITION_CONTAINS) === 0;
}

/**
 * A native modal already makes the page behind inert; the Tab wrap keeps focus off the browser's own toolbar in
 * browser mode. When the focused control disappears (a conflict kept, a form replaced), focus goes to the first
 * control of the nearest part that is still there (the next conflict), else that part itself, else `fallback`.
 */
export function useKeepFocusInside(rootRef: RefObject<HTMLElement | null>, fallbackRef: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    let lastPath: Element[] = [];
    const onFocusIn = (event: FocusEvent) => {
      const path: Element[] = [];
      for (let el = event.target instanceof Element ? event.target : null; el && el !== root; el = el.parentElement) path.push(el);
      lastPath = path;
    };
    const recover = () => {
      const active = document.activeElement;
      if (active !== null && active !== document.body) return;
      const lost = lastPath[0];
      // Only when the focused control itself went away or was disabled: a click on plain text also leaves focus on <body>.
      if (!lost || (lost.isConnected && !(lost as HTMLButtonElement).disabled)) return;
      for (const part of lastPath.slice(1)) {
        if (!part.isConnected || !(part instanceof HTMLElement)) continue;
        const next = tabbables(part)[0];
        if (next) return next.focus();
        if (part.matches('section, [role="group"], form, li')) {
          if (!part.hasAttribute('tabindex')) part.tabIndex = -1;
          return part.focus();
        }
      }
      fallbackRef.current?.focus();
    };
    const observer = new MutationObserver(recover);
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'hidden'] });
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const all = tabbables(root);
      if (all.length === 0) return;
      const first = all[0]!;
      const last = all.at(-1)!;
      const active = document.activeElement;
      // From <body> (focus was lost) the next Tab enters the dialog. From a part that only takes focus by script (the
      // status line, a section focused after its button went) past the last control, the browser would leave the page.
      const inside = active !== null && root.contains(active);
      if (event.shiftKey && (!inside || active === first || comesBefore(active, first))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (!inside || active === last || comesBefore(last, active))) {
        event.preventDefault();
        first.focus();
      }
    };
    root.addEventListener('focusin', onFocusIn);
    document.addEventListener('keydown', onKey);
    return () => {
      observer.disconnect();
      root.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('keydown', onKey);
    };
  }, [rootRef, fallbackRef]);
}
