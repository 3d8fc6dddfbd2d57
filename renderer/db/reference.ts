// Reference data (teams, people, hold reasons, resolution codes, categories, sites…): rows in the database, seeded with DOMAIN.md defaults.
import { Dexie, type Table } from 'dexie';
import {
  DEFAULT_CATEGORIES,
  DEFAULT_CHANNELS,
  DEFAULT_HOLD_REASONS,
  DEFAULT_MANAGER_LEVELS,
  DEFAULT_PEOPLE,
  DEFAULT_RESOLUTION_CODES,
  DEFAULT_SITES,
  DEFAULT_TEAMS,
  flattenCategoryPaths,
  formatPath,
} from '../../shared/domain';
import type { LanternDb } from './database';

export const REFERENCE_KINDS = ['team', 'person', 'holdReason', 'resolutionCode', 'category', 'site', 'managerLevel', 'channel'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** One value of one list; categories and sites are stored as formatted paths ("Facility › HVAC"). */
export interface ReferenceRow {
  /** `${kind}:${value}` so the same value is never listed twice. */
  id: string;
  kind: ReferenceKind;
  value: string;
  /** Position in the list (lists keep the order people are used to). */
  order: number;
}

export type ReferenceLists = Record<ReferenceKind, string[]>;

export const DEFAULT_REFERENCE: Readonly<Record<ReferenceKind, readonly string[]>> = {
  team: DEFAULT_TEAMS,
  person: DEFAULT_PEOPLE,
  holdReason: DEFAULT_HOLD_REASONS,
  resolutionCode: DEFAULT_RESOLUTION_CODES,
  category: flattenCategoryPaths(DEFAULT_CATEGORIES).map(formatPath),
  site: DEFAULT_SITES.map(formatPath),
  managerLevel: DEFAULT_MANAGER_LEVELS,
  channel: DEFAULT_CHANNELS,
};

export function defaultReferenceRows(): ReferenceRow[] {
  return REFERENCE_KINDS.flatMap((kind) => DEFAULT_REFERENCE[kind].map((value, order) => ({ id: referenceId(kind, value), kind, value, order })));
}

export function referenceId(kind: ReferenceKind, value: string): string {
  return `${kind}:${value}`;
}

/** Seeds the defaults into an (empty) reference table; used by populate and by the v2 upgrade. */
export async function seedReference(table: Table<ReferenceRow, string>): Promise<void> {
  await table.bulkPut(defaultReferenceRows());
}

/** Every list, in order; a list nobody has seeded falls back to its defaults so forms always have choices. */
export async function readReferenceLists(db: LanternDb): Promise<ReferenceLists> {
  const rows = await db.reference.orderBy('[kind+order]').toArray();
  const lists = Object.fromEntries(REFERENCE_KINDS.map((kind) => [kind, [] as string[]])) as ReferenceLists;
  for (const row of rows) if (Object.hasOwn(lists, row.kind)) lists[row.kind].push(row.value);
  for (const kind of REFERENCE_KINDS) if (lists[kind].length === 0) lists[kind] = [...DEFAULT_REFERENCE[kind]];
  return lists;
}

/** One list, in order (falls back to defaults like readReferenceLists). */
export async function readReferenceList(db: LanternDb, kind: ReferenceKind): Promise<string[]> {
  const rows = await db.reference.where('[kind+order]').between([kind, Dexie.minKey], [kind, Dexie.maxKey]).toArray();
  return rows.length > 0 ? rows.map((row) => row.value) : [...DEFAULT_REFERENCE[kind]];
}

/** Appends a value to a list (no-op when it is already there), e.g. a person typed as assignee for the first time. */
export async function addReferenceValue(db: LanternDb, kind: ReferenceKind, value: string): Promise<void> {
  const trimmed = value.trim();
  if (trimmed === '') return;
  await db.transaction('rw', db.reference, async () => {
    if (await db.reference.get(referenceId(kind, trimmed))) return;
    const last = await db.reference.where('[kind+order]').between([kind, Dexie.minKey], [kind, Dexie.maxKey]).last();
    await db.reference.add({ id: referenceId(kind, trimmed), kind, value: trimmed, order: (last?.order ?? -1) + 1 });
  });
}
