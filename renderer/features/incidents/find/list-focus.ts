// Focus into the incident list from elsewhere in the Find pane: onto its one Tab stop, the cursor row.

/** Focuses the cursor row's button (the list's Tab stop, always rendered); false when the list shows no row. */
export function focusListCursor(): boolean {
  const button = document.querySelector<HTMLButtonElement>('tr[data-incident-id] button.row-link[tabindex="0"]');
  if (!button) return false;
  button.focus();
  return true;
}
