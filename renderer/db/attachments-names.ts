// The name and type a stored file was attached under on each incident: the bytes are kept once, the names per attach.
import type { StoredAttachment } from './attachments-stored';

/**
 * One attach of a file to an incident, as the operation that attached it named it (its AttachmentRef), and when
 * (the attaching entry's recorded time, ISO 8601 UTC). Every device learns the same entries from the same operations,
 * so every device shows an incident's file under the same name, whichever incident it heard of first.
 */
export interface AttachedName {
  incidentId: string;
  name: string;
  type: string;
  at: string;
  /** Set on a stand-in ("file", no type) for a mention without a ref; the first real name for the incident replaces it. */
  standIn?: true;
}

/**
 * A file as one incident shows it: `name` and `type` are that incident's (its earliest attach there), `names` every
 * name it was attached under there (earliest first; more than one when the same bytes came twice under two names).
 */
export type IncidentFile = Omit<StoredAttachment, 'attachedAs'> & { names: string[]; attachedAt: string };

/**
 * The row's attaches. A row written before these were kept (schema v10 fills them; a row written by a test or an
 * older path may still lack them) counts as attached to each of its incidents under its one stored name.
 */
export function attachedNamesOf(row: StoredAttachment): AttachedName[] {
  return row.attachedAs ?? row.incidentIds.map((incidentId) => ({ incidentId, name: row.name, type: row.type, at: row.createdAt }));
}

/**
 * `names` with `added` appended where the incident does not already list that name (a repeated attach, or the same
 * operation pulled twice, adds nothing); null when nothing is new. An unnamed sighting (a file an operation mentions
 * without its ref, e.g. a custody entry) only counts when the incident has no name for the file at all.
 */
export function withAttachedNames(names: readonly AttachedName[], added: readonly AttachedName[], unnamed = false): AttachedName[] | null {
  let out = [...names];
  let changed = false;
  for (const entry of added) {
    const known = unnamed ? out.some((n) => n.incidentId === entry.incidentId) : out.some((n) => n.incidentId === entry.incidentId && n.name === entry.name && !n.standIn);
    if (known) continue;
    if (!unnamed) out = out.filter((n) => !(n.standIn && n.incidentId === entry.incidentId));
    out.push(unnamed ? { ...entry, standIn: true } : entry);
    changed = true;
  }
  return changed ? out : null;
}

/** The row as `incidentId` shows it (see IncidentFile); a row without an attach for it keeps its stored name. */
export function incidentFileOf(row: StoredAttachment, incidentId: string): IncidentFile {
  // The other incidents' names stay out of the view: nothing showing this incident may show them by mistake.
  const { attachedAs: _all, ...file } = row;
  const own = attachedNamesOf(row)
    .filter((entry) => entry.incidentId === incidentId)
    // By time, then name: devices that heard of the attaches in another order still list them alike.
    .sort((a, b) => a.at.localeCompare(b.at) || a.name.localeCompare(b.name));
  const first = own[0];
  if (!first) return { ...file, names: [row.name], attachedAt: row.createdAt };
  return { ...file, name: first.name, type: first.type, names: own.map((entry) => entry.name), attachedAt: first.at };
}
