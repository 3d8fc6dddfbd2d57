// Ctrl+Enter (⌘+Enter) submits the form the key was pressed in: the save shortcut of the text entry forms.
import type { KeyboardEvent } from 'react';

export function submitOnCtrlEnter(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
  const form = event.currentTarget.closest('form');
  if (!form) return;
  event.preventDefault();
  form.requestSubmit();
}
