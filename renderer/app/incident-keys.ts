// C, E and G act on the open incident: C and E press the button declaring that key (aria-keyshortcuts), G focuses its title.
import { announce } from '../store/announce-store';

const NONE_OPEN = 'No incident is open. Choose one in the list with J or K, then press Enter.';

/**
 * Presses the open incident's button that declares `key`. With its panel already open, focus goes back into the panel
 * (a second press must not close it and lose what was typed); a button that cannot act says why instead.
 */
export function pressIncidentButton(key: string): void {
  const button = document.querySelector<HTMLButtonElement>(`button[aria-keyshortcuts="${key}"]`);
  if (!button) {
    announce(NONE_OPEN);
    return;
  }
  if (button.disabled) {
    // Its reason (a final status) is the button's description: focused when it can be, and said either way.
    const reason = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    if (reason?.tabIndex === -1) reason.focus();
    announce(`${button.textContent?.trim() ?? ''} is not available for this incident.${reason?.textContent ? ` ${reason.textContent}` : ''}`);
    return;
  }
  if (button.getAttribute('aria-expanded') === 'true') {
    const panel = panelAfter(button);
    if (panel) {
      (panel.querySelector<HTMLElement>('select, input, textarea, button') ?? panel).focus();
      return;
    }
  }
  button.click();
}

/** Focuses the open incident's title (its heading declares G): Tab goes on from there to its actions. */
export function focusOpenIncident(): void {
  const heading = document.querySelector<HTMLElement>('[aria-keyshortcuts="G"]');
  if (heading) heading.focus();
  else announce(NONE_OPEN);
}

/** The inline panel a button opened: rendered after it, among its siblings. */
function panelAfter(button: HTMLElement): HTMLElement | null {
  for (let el = button.nextElementSibling; el; el = el.nextElementSibling) {
    if (el instanceof HTMLElement && el.getAttribute('role') === 'dialog') return el;
  }
  return null;
}
