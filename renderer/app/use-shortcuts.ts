// Global keyboard shortcuts: N opens the capture form, Escape closes the open pane.
import { useEffect } from 'react';

export function useShortcuts(handlers: { onNew: () => void; onEscape: () => void }) {
  const { onNew, onEscape } = handlers;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Escape') {
        onEscape();
        return;
      }
      // Letters must reach text fields untouched.
      if (isTyping(event.target)) return;
      if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        onNew();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onNew, onEscape]);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
