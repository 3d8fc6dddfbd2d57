// Link reads and writes: both incidents' `linked` entries via indexes, and the link/unlink planned commands.
import { Dexie } from 'dexie';
import { deriveLinks, linkIncident, type IncidentLink, type LinkRelation, type TimelineEvent } from '../../shared/domain';
import type { PlannedCommand } from './commit-change';
import type { LanternDb } from './database';
import { fromIncidentRow } from './incident-row';

/** The `linked` entries that concern `incidentId`: written on it, or written on another incident targeting it. */
export async function readLinkEvents(db: LanternDb, incidentId: string): Promise<TimelineEvent[]> {
  // toArray on the plain range is one getAll; a Dexie .filter() would walk a cursor, one round trip per entry
  // (500 on a long timeline, read again whenever the detail view opens).
  const [all, incoming] = await Promise.all([
    db.timeline.where('[incidentId+hlc]').between([incidentId, Dexie.minKey], [incidentId, Dexie.maxKey]).toArray(),
    db.timeline.where('targetId').equals(incidentId).toArray(),
  ]);
  return [...all.filter((event) => event.kind === 'linked'), ...incoming];
}

export async function readLinks(db: LanternDb, incidentId: string): Promise<IncidentLink[]> {
  return deriveLinks(incidentId, await readLinkEvents(db, incidentId));
}

/** What the Links section lists: the link plus the other incident's number and title (when it is on this device). */
export interface LinkView extends IncidentLink {
  number: string | null;
  title: string | null;
  /** The other incident is a drill (false when it is not on this computer). */
  exercise: boolean;
}

export async function readLinkViews(db: LanternDb, incidentId: string): Promise<LinkView[]> {
  const links = await readLinks(db, incidentId);
  const rows = await db.incidents.bulkGet(links.map((link) => link.otherId));
  return links
    .map((link, index) => {
      const row = rows[index];
      return { ...link, number: row?.number ?? null, title: row?.title ?? null, exercise: row?.exercise === true };
    })
    .sort((a, b) => (a.number ?? '').localeCompare(b.number ?? ''));
}

/** Normalises what a person types as an incident number ("ab12-3" → "AB12-0003"). */
export function normaliseNumber(typed: string): string {
  const match = /^\s*([0-9a-z]{4})\s*-\s*0*(\d+)\s*$/i.exec(typed);
  if (!match) return typed.trim().toUpperCase();
  return `${match[1]!.toUpperCase()}-${match[2]!.padStart(4, '0')}`;
}

/** Links `id` to the incident numbered `targetNumber`: one entry on `id`, read and written in one transaction. */
export function planLink(db: LanternDb, id: string, targetNumber: string, relation: LinkRelation): PlannedCommand {
  return async ({ ctx }) => {
    const typed = typeof targetNumber === 'string' ? targetNumber.trim() : '';
    if (typed === '') return { ok: false, error: { code: 'missing-field', field: 'target', message: 'Enter the number of the incident to link.' } };
    const number = normaliseNumber(typed);
    const [row, targets] = await Promise.all([db.incidents.get(id), db.incidents.where('number').equals(number).toArray()]);
    if (!row) return { ok: false, error: { code: 'not-found', message: 'This incident is not on this computer.' } };
    const target = targets[0];
    if (!target) return { ok: false, error: { code: 'not-found', field: 'target', message: `No incident numbered ${number.slice(0, 40)} is on this computer. Check the number.` } };
    const [selfLinks, targetLinks] = await Promise.all([readLinks(db, id), readLinks(db, target.id)]);
    return linkIncident(fromIncidentRow(row), { targetId: target.id, relation, action: 'link' }, ctx, selfLinks, targetLinks);
  };
}

/** Removes the link between `id` and `targetId`, whichever of the two incidents it was written on. */
export function planUnlink(db: LanternDb, id: string, targetId: string): PlannedCommand {
  return async ({ ctx }) => {
    const row = await db.incidents.get(id);
    if (!row) return { ok: false, error: { code: 'not-found', message: 'This incident is not on this computer.' } };
    const [selfLinks, targetLinks] = await Promise.all([readLinks(db, id), readLinks(db, targetId)]);
    const relation = selfLinks.find((link) => link.otherId === targetId)?.relation ?? 'related';
    return linkIncident(fromIncidentRow(row), { targetId, relation, action: 'unlink' }, ctx, selfLinks, targetLinks);
  };
}
