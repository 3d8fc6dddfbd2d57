// Link reads and writes: both incidents' `linked` entries via indexes, numbers as typed or shown, and the link/unlink planned commands.
import { Dexie } from 'dexie';
import { deriveLinks, linkIncident, type IncidentLink, type LinkRelation, type Status, type TimelineEvent } from '../../shared/domain';
import type { PlannedCommand } from './commit-change';
import type { LanternDb } from './database';
import { incidentNumberPrefix } from './find-number';
import { fromIncidentRow, type IncidentRow } from './incident-row';

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
  /** The other incident's status (null when it is not on this computer), for the briefing's list of links. */
  status: Status | null;
}

export async function readLinkViews(db: LanternDb, incidentId: string): Promise<LinkView[]> {
  const links = await readLinks(db, incidentId);
  const rows = await db.incidents.bulkGet(links.map((link) => link.otherId));
  return links
    .map((link, index) => {
      const row = rows[index];
      return { ...link, number: row?.number ?? null, title: row?.title ?? null, exercise: row?.exercise === true, status: row?.status ?? null };
    })
    .sort((a, b) => (a.number ?? '').localeCompare(b.number ?? ''));
}

/**
 * The numbers of the incidents `ids` that are on this device (absent from the map: not here). Read when shown, not
 * kept in the entries that name them, so a renumbered incident reads right and no stored entry has to change.
 */
export async function readIncidentNumbers(db: LanternDb, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const rows = unique.length === 0 ? [] : await db.incidents.bulkGet(unique);
  const numbers = new Map<string, string>();
  for (const row of rows) if (row) numbers.set(row.id, row.number);
  return numbers;
}

/** Normalises what a person types as an incident number ("ab12-3" → "AB12-0003"). */
export function normaliseNumber(typed: string): string {
  const prefix = incidentNumberPrefix(typed);
  const [device, digits] = prefix === null ? [] : prefix.split('-');
  if (device === undefined || digits === undefined || digits === '') return typed.trim().toUpperCase();
  return `${device}-${String(Number(digits)).padStart(4, '0')}`;
}

/** Digits alone ("0003", "#3"): the counter of a number whose device prefix was left out. */
const COUNTER_ONLY = /^#?\s*(\d{1,9})$/;
/** More device prefixes than this on one laptop is no real desk; the scan below stops there. */
const MAX_DEVICE_PREFIXES = 500;
/** How many candidates an "ambiguous" message names. */
const NAMED_CANDIDATES = 5;

/** The device prefixes of the numbers on this device: one index step per prefix (a few), not a walk over every row. */
async function devicePrefixes(db: LanternDb): Promise<string[]> {
  const prefixes: string[] = [];
  let [key] = await db.incidents.where('number').aboveOrEqual('').limit(1).keys();
  while (typeof key === 'string' && prefixes.length < MAX_DEVICE_PREFIXES) {
    const prefix = key.slice(0, 4);
    prefixes.push(prefix);
    // Every number of this prefix is "XXXX-" and digits, all below "XXXX-\uffff".
    [key] = await db.incidents.where('number').above(`${prefix}-\uffff`).limit(1).keys();
  }
  return prefixes;
}

/** What a typed number names on this device: one incident, or why not (the words the link form shows). */
export type TypedNumberMatch = { ok: true; row: IncidentRow } | { ok: false; code: 'not-found' | 'invalid-value'; message: string };

/**
 * Finds the incident a person means by `typed`, in the forms the list search reads (find-number.ts: any case, "#",
 * spaces or no dash) and with the digits unpadded ("nqjs 3"), or the digits alone ("0003") when only one incident
 * here has them. `exceptId` (the incident being linked from) is no candidate for the digits alone.
 */
export async function findByTypedNumber(db: LanternDb, typed: string, exceptId?: string): Promise<TypedNumberMatch> {
  const text = typed.trim();
  const counterOnly = COUNTER_ONLY.exec(text);
  if (counterOnly) {
    const counter = Number(counterOnly[1]);
    const tail = String(counter).padStart(4, '0');
    const prefixes = counter < 1 ? [] : await devicePrefixes(db);
    const counterRows = prefixes.length === 0 ? [] : await db.incidents.where('number').anyOf(prefixes.map((prefix) => `${prefix}-${tail}`)).toArray();
    // Five digits or more may also be a whole number without its dash: a device prefix can be all digits ("4821-0042").
    const whole = counterOnly[1]!.length > 4 ? await db.incidents.where('number').equals(normaliseNumber(text)).toArray() : [];
    const rows = [...new Map([...counterRows, ...whole].map((row) => [row.id, row])).values()];
    const others = rows.filter((row) => row.id !== exceptId);
    const candidates = others.length > 0 ? others : rows;
    if (candidates.length === 1) return { ok: true, row: candidates[0]! };
    if (candidates.length === 0) return notFound(text);
    const numbers = [...new Set(candidates.map((row) => row.number))].sort();
    const named = numbers.length > NAMED_CANDIDATES ? `${numbers.slice(0, NAMED_CANDIDATES).join(', ')} or another` : `${numbers.slice(0, -1).join(', ')} or ${numbers.at(-1)!}`;
    return { ok: false, code: 'invalid-value', message: `${text} could be ${named}. Type the whole number.` };
  }
  const number = normaliseNumber(text);
  const rows = /-\d+$/.test(number) ? await db.incidents.where('number').equals(number).toArray() : [];
  if (rows.length === 1) return { ok: true, row: rows[0]! };
  if (rows.length === 0) return notFound(number);
  // Two devices that drew the same prefix: the number alone cannot tell them apart, but this incident's number can.
  return { ok: false, code: 'invalid-value', message: `More than one incident on this computer is numbered ${number}. Open the one you mean and link this incident from there.` };
}

function notFound(shown: string): TypedNumberMatch {
  return { ok: false, code: 'not-found', message: `No incident numbered ${shown.slice(0, 40)} is on this computer. Check the number.` };
}

/** Links `id` to the incident numbered `targetNumber`: one entry on `id`, read and written in one transaction. */
export function planLink(db: LanternDb, id: string, targetNumber: string, relation: LinkRelation): PlannedCommand {
  return async ({ ctx }) => {
    const typed = typeof targetNumber === 'string' ? targetNumber.trim() : '';
    if (typed === '') return { ok: false, error: { code: 'missing-field', field: 'target', message: 'Enter the number of the incident to link.' } };
    const [row, found] = await Promise.all([db.incidents.get(id), findByTypedNumber(db, typed, id)]);
    if (!row) return { ok: false, error: { code: 'not-found', message: 'This incident is not on this computer.' } };
    if (!found.ok) return { ok: false, error: { code: found.code, field: 'target', message: found.message } };
    const target = found.row;
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
