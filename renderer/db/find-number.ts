// Finding an incident by its number ("K7QM-0042", read over the radio or from a notification), not by its words.
import type { IncidentRow } from './incident-row';
import type { LanternDb } from './database';
import { indexedWordsStartingWith } from './search-index';

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

// Digits alone ("42", "0042", "#42"): the local counter part of a number, as people relay it over the radio.
const BARE_NUMBER = /^(#?)\s*(\d{1,9})$/;
/** Device prefixes looked at for a bare number; a fleet has far fewer laptops than this. */
const MAX_DEVICE_PREFIXES = 1000;

/** Bare digits read as the number part ("0042", padded as numbers are), and whether they were typed as a number. */
export interface BareNumber {
  readonly part: string;
  readonly digits: string;
  /** "#42", "0042" or one digit: a number, whatever words incidents hold. Plain "2024" may be a word first. */
  readonly asNumber: boolean;
}

export function bareIncidentNumber(text: string): BareNumber | null {
  const match = BARE_NUMBER.exec(text.trim());
  if (!match) return null;
  const digits = match[2]!;
  const counter = Number(digits);
  if (counter < 1) return null;
  return { part: String(counter).padStart(4, '0'), digits, asNumber: match[1] === '#' || digits.startsWith('0') || digits.length === 1 };
}

/** The incidents numbered `part` on any device ("0042" finds K7QM-0042 and 9XPA-0042), or undefined when none is. */
async function rowsByNumberPart(db: LanternDb, part: string): Promise<IncidentRow[] | undefined> {
  const numbers: string[] = [];
  // One step over the number index per device prefix: a prefix's numbers are one range, and "-" sorts below ".".
  let key = (await db.incidents.orderBy('number').limit(1).keys())[0];
  while (typeof key === 'string' && numbers.length < MAX_DEVICE_PREFIXES) {
    const prefix = key.slice(0, 4);
    numbers.push(`${prefix}-${part}`);
    key = (await db.incidents.where('number').above(`${prefix}.`).limit(1).keys())[0];
  }
  if (numbers.length === 0) return undefined;
  const rows = await db.incidents.where('number').anyOf(numbers).toArray();
  return rows.length === 0 ? undefined : rows;
}

/**
 * The incidents a typed number names ("K7QM-0042", its start, or its digits alone on any device), or undefined when
 * `text` is no number or no incident has it: it is then searched as words. Plain digits ("2024") stay a word search
 * while some incident holds a word starting with them; "#2024" or "0042" always look the number up first.
 * Call it only for text that looks like a number (incidentNumberPrefix or bareIncidentNumber not null): every path
 * then reads through Dexie, which a live query needs of each awaited call.
 */
export async function rowsNumbered(db: LanternDb, text: string): Promise<IncidentRow[] | undefined> {
  const prefix = incidentNumberPrefix(text);
  const byPrefix = prefix === null ? undefined : await rowsByNumber(db, prefix);
  if (byPrefix) return byPrefix;
  const bare = bareIncidentNumber(text);
  if (!bare) return undefined;
  if (!bare.asNumber && (await indexedWordsStartingWith(db, bare.digits, 1))?.length !== 0) return undefined;
  return rowsByNumberPart(db, bare.part);
}

/** The incidents whose number starts with `prefix` (few), or undefined when there are none or too many to list. */
export async function rowsByNumber(db: LanternDb, prefix: string): Promise<IncidentRow[] | undefined> {
  const rows = await db.incidents.where('number').startsWith(prefix).limit(MAX_NUMBER_MATCHES + 1).toArray();
  return rows.length === 0 || rows.length > MAX_NUMBER_MATCHES ? undefined : rows;
}
