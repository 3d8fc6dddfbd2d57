// Files picked for a work note and not saved yet, per incident, for this session: closing the form (Escape, another incident) keeps them with the draft's text.
import type { PreparedAttachment } from '../../db/attachments';

// In memory only: drafts hold JSON, and a 25 MB photo is not copied into IndexedDB before the person saves the note.
const held = new Map<string, PreparedAttachment[]>();

export function heldNoteFiles(incidentId: string): PreparedAttachment[] {
  return held.get(incidentId) ?? [];
}

/** Remembers the form's current files (none: forgets the incident). */
export function holdNoteFiles(incidentId: string, files: readonly PreparedAttachment[]): void {
  if (files.length === 0) held.delete(incidentId);
  else held.set(incidentId, [...files]);
}
