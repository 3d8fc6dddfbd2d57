// The working pane as a URL fragment (#incident/<id>, #new, #statistics), so a reload — or the window coming back
// after a crash — opens what the person had open instead of an empty pane.
import { isUuidV7 } from '../../shared/domain';
import type { Pane } from './ui-store';

export function paneToFragment(pane: Pane): string {
  switch (pane.kind) {
    case 'incident':
      return `#incident/${pane.id}`;
    case 'capture':
      return '#new';
    case 'statistics':
      return '#statistics';
    case 'empty':
      return '';
  }
}

/** The pane a fragment names; an empty or unknown fragment is the empty pane. */
export function paneFromFragment(fragment: string): Pane {
  const address = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (address === 'new') return { kind: 'capture' };
  if (address === 'statistics') return { kind: 'statistics' };
  if (address.startsWith('incident/')) {
    // Only a well-formed incident id is looked up; anything else (typed by hand, a damaged link) opens nothing.
    const id = address.slice('incident/'.length);
    if (isUuidV7(id)) return { kind: 'incident', id };
  }
  return { kind: 'empty' };
}
