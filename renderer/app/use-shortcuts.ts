// Global keyboard shortcuts: N new incident, / search, S statistics, C/E/G the open incident, ? help, Escape back (J/K/Enter live with the list).
import { useEffect } from 'react';
import { keyBelongsToDialog } from '../features/key-guard';
import { singleKeyShortcutsOn } from '../store/keyboard-settings-store';
import { focusOpenIncident, pressIncidentButton } from './incident-keys';

export interface ShortcutHandlers {
  onNew: () => void;
  onEscape: () => void;
  onSearch?: () => void;
  onHelp?: () => void;
  onStatistics?: () => void;
}

export function useShortcuts(handlers: ShortcutHandlers) {
  const { onNew, onEscape, onSearch, onHelp, onStatistics } = handlers;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Escape') {
        onEscape();
        return;
      }
      // Letters must reach text fields untouched; and a dialog being filled in (focus on one of its buttons) must not be
      // replaced by another pane, taking what was typed with it (the detail's own forms keep drafts; dialogs do not).
      // A modal open (the shortcut help, a settings dialog) puts the page behind out of reach as well.
      if (isTyping(event.target) || keyBelongsToDialog(event.target)) return;
      // Turned off in the shortcut help (WCAG 2.1.4): a letter pressed alone does nothing; Escape above still works.
      if (!singleKeyShortcutsOn()) return;
      if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        onNew();
      } else if (event.key === '/' && onSearch) {
        event.preventDefault();
        onSearch();
      } else if ((event.key === 's' || event.key === 'S') && onStatistics) {
        event.preventDefault();
        onStatistics();
      } else if (event.key === '?' && onHelp) {
        event.preventDefault();
        onHelp();
      } else if (event.key === 'c' || event.key === 'C' || event.key === 'e' || event.key === 'E') {
        // Change status / Escalate on the open incident, from the list row or anywhere on the page.
        event.preventDefault();
        pressIncidentButton(event.key.toUpperCase());
      } else if (event.key === 'g' || event.key === 'G') {
        event.preventDefault();
        focusOpenIncident();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onNew, onEscape, onSearch, onHelp, onStatistics]);
}

/** Inputs that take no letters: a shortcut typed while one has focus is meant for the app. */
const KEYLESS_INPUTS = ['checkbox', 'radio', 'button', 'submit', 'reset'];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement && KEYLESS_INPUTS.includes(target.type)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
