// Finding an incident by its number ("K7QM-0042", read over the radio or from a notification), not by its words.
import type { IncidentRow } from './incident-row';
import type { LanternDb } from './database';

// A device prefix (Crockford base32, see shared/domain/ids.ts), a dash (may be left out), then any digits typed so far.
const NUMBER_PREFIX = /^#?\s*([0-9A-HJKMNP-TV-Z]{4})\s*-?\s*(\d{0,9})$/;
/** More matches than this are not a number lookup any more ("K7QM-" on a busy laptop): the word search takes over. */
const MAX_NUMBER_MATCHES = 500;

/**
 * The incident number (or its start, down to "K7QM") that `text` spells, upper-cased, or null when it is no number.
 * Lower case, a leading "#", spaces around the dash or no dash at all are forgiven. A word that happens to look like a
 * start ("HVAC") names no incident's number and is then searched as a word (find-query.ts).
 */
export function incidentNumberPrefix(text: string): string | null {
  const match = NUMBER_PREFIX.exec(text.trim().toUpperCase());
  return match ? `${match[1]}-${match[2]}` : null;
}

/** The incidents whose number starts with `prefix` (few), or undefined when there are none or too many to list. */
export async function rowsByNumber(db: LanternDb, prefix: string): Promise<IncidentRow[] | undefined> {
  const rows = await db.incidents.where('number').startsWith(prefix).limit(MAX_NUMBER_MATCHES + 1).toArray();
  return rows.length === 0 || rows.length > MAX_NUMBER_MATCHES ? undefined : rows;
}
