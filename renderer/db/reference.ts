// Reference data (teams, people, hold reasons, resolution codes, categories, sites…): rows in the database, seeded with DOMAIN.md defaults, edited in Settings → Lists.
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
  hasUnstorableChar,
  LIMITS,
  PATH_SEPARATOR,
  UNSTORABLE_TEXT_MESSAGE,
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

// ——— Editing (Settings → Lists). Each edit reads the list as the pickers see it, plans the whole new list, and rewrites
// that kind's rows with a dense `order`, all in one transaction: a refusal throws before anything is written.

/** What one value of each list is called in messages. */
export const REFERENCE_NOUNS: Readonly<Record<ReferenceKind, string>> = {
  team: 'team',
  person: 'person',
  holdReason: 'hold reason',
  resolutionCode: 'resolution code',
  category: 'category',
  site: 'site',
  managerLevel: 'manager level',
  channel: 'channel',
};

/** Categories and sites are trees stored as formatted paths; the other lists are flat. */
export function isTreeKind(kind: ReferenceKind): boolean {
  return kind === 'category' || kind === 'site';
}

export type ReferenceEditCode = 'empty' | 'duplicate' | 'too-long' | 'separator' | 'too-deep' | 'unstorable' | 'last-value' | 'not-found' | 'at-edge';

/** A refused edit; `message` is plain words for the person, shown next to the field. Nothing was written. */
export class ReferenceEditError extends Error {
  constructor(
    readonly code: ReferenceEditCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReferenceEditError';
  }
}

/** One value as a node: `name` is what is shown at its level ("HVAC" under "Facility"). */
export interface ReferenceNode {
  value: string;
  name: string;
  children: ReferenceNode[];
}

/**
 * The list as a tree, in stored order. A node's parent is the longest path above it that is in the list, so a path
 * whose direct parent is missing (stored by an older Lantern) still shows, under its nearest ancestor or at the top.
 */
export function referenceTree(kind: ReferenceKind, values: readonly string[]): ReferenceNode[] {
  const byValue = new Map(values.map((value) => [value, { value, name: value, children: [] as ReferenceNode[] }]));
  const roots: ReferenceNode[] = [];
  for (const node of byValue.values()) {
    const parent = isTreeKind(kind) ? parentOf(node.value, byValue) : undefined;
    if (parent) node.name = node.value.slice(parent.value.length + PATH_SEPARATOR.length);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

function parentOf<T>(value: string, byValue: ReadonlyMap<string, T>): T | undefined {
  const segments = value.split(PATH_SEPARATOR);
  for (let depth = segments.length - 1; depth > 0; depth--) {
    const parent = byValue.get(formatPath(segments.slice(0, depth)));
    if (parent) return parent;
  }
  return undefined;
}

function flatten(nodes: readonly ReferenceNode[]): string[] {
  return nodes.flatMap((node) => [node.value, ...flatten(node.children)]);
}

/** The value and every value below it (just the value for a flat list), in list order. */
export function referenceSubtree(kind: ReferenceKind, values: readonly string[], value: string): string[] {
  if (!values.includes(value)) return [];
  return isTreeKind(kind) ? values.filter((v) => v === value || v.startsWith(value + PATH_SEPARATOR)) : [value];
}

function refuse(code: ReferenceEditCode, message: string): never {
  throw new ReferenceEditError(code, message);
}

/** The name as it will be stored (trimmed, inner runs of spaces made one), or a refusal saying what to change. */
function cleanName(kind: ReferenceKind, raw: string): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  const noun = REFERENCE_NOUNS[kind];
  if (name === '') refuse('empty', `Type a name for the ${noun} first.`);
  if (hasUnstorableChar(name)) refuse('unstorable', UNSTORABLE_TEXT_MESSAGE);
  const max = isTreeKind(kind) ? LIMITS.pathSegment : LIMITS.shortText;
  if (name.length > max) refuse('too-long', `A ${noun} name is limited to ${max} characters (this one has ${name.length}). Shorten it.`);
  // parsePath splits typed paths at either mark, so a name holding one would come back as two levels.
  if (isTreeKind(kind) && /[/›]/.test(name)) {
    refuse('separator', `A ${noun} name cannot contain “/” or “›”: they separate the levels. To put a ${noun} under another, add it under that one.`);
  }
  return name;
}

function findNode(nodes: ReferenceNode[], value: string): { siblings: ReferenceNode[]; index: number } | undefined {
  const index = nodes.findIndex((node) => node.value === value);
  if (index >= 0) return { siblings: nodes, index };
  for (const node of nodes) {
    const found = findNode(node.children, value);
    if (found) return found;
  }
  return undefined;
}

function mustHave(kind: ReferenceKind, values: readonly string[], value: string): void {
  if (!values.includes(value)) refuse('not-found', `“${value}” is no longer in the ${REFERENCE_NOUNS[kind]} list (it may have just been changed in another window).`);
}

/** Names are compared ignoring capitals: "network" next to "Network" would be two choices for one thing. */
function assertUnique(kind: ReferenceKind, next: readonly string[], changed: readonly string[]): void {
  const seen = new Map<string, number>();
  next.forEach((value) => seen.set(value.toLowerCase(), (seen.get(value.toLowerCase()) ?? 0) + 1));
  for (const value of changed) {
    if ((seen.get(value.toLowerCase()) ?? 0) > 1) {
      const existing = next.find((v) => v !== value && v.toLowerCase() === value.toLowerCase()) ?? value;
      refuse('duplicate', `There is already a ${REFERENCE_NOUNS[kind]} “${existing}”. Pick another name (capitals do not count as a difference).`);
    }
  }
}

/** Reads the list (as the pickers show it), applies `plan` and stores the result, in one transaction on `reference`. */
async function editList<T>(db: LanternDb, kind: ReferenceKind, plan: (values: string[]) => ListPlan<T>): Promise<T> {
  return db.transaction('rw', db.reference, async () => {
    const { next, result } = plan(await readReferenceList(db, kind));
    if (next === null) return result;
    await db.reference.where('[kind+order]').between([kind, Dexie.minKey], [kind, Dexie.maxKey]).delete();
    await db.reference.bulkAdd(next.map((value, order) => ({ id: referenceId(kind, value), kind, value, order })));
    return result;
  });
}

/** Adds a value at the end of the list, or (categories, sites) as the last one under `parent`. Resolves to the stored value. */
export function addListValue(db: LanternDb, kind: ReferenceKind, name: string, parent?: string): Promise<string> {
  return editList(db, kind, (values) => {
    const clean = cleanName(kind, name);
    const nodes = referenceTree(kind, values);
    let siblings = nodes;
    let value = clean;
    if (parent !== undefined && isTreeKind(kind)) {
      mustHave(kind, values, parent);
      const found = findNode(nodes, parent)!;
      siblings = found.siblings[found.index]!.children;
      value = parent + PATH_SEPARATOR + clean;
      const depth = value.split(PATH_SEPARATOR).length;
      if (depth > LIMITS.pathDepth) refuse('too-deep', `A ${REFERENCE_NOUNS[kind]} can be at most ${LIMITS.pathDepth} levels deep. Add it higher up.`);
    }
    siblings.push({ value, name: clean, children: [] });
    const next = flatten(nodes);
    assertUnique(kind, next, [value]);
    return { next, result: value };
  });
}

/** A planned edit: the whole new list (null: nothing to write) and what the edit resolves to. */
export interface ListPlan<T> {
  next: string[] | null;
  result: T;
}

/**
 * Plans a rename without writing (so a form can refuse, or ask about what else names the value, before saving):
 * throws the refusal, else the new list with the new stored value. See renameListValue.
 */
export function planRename(kind: ReferenceKind, values: readonly string[], value: string, name: string): ListPlan<string> {
  mustHave(kind, values, value);
  const clean = cleanName(kind, name);
  const segments = value.split(PATH_SEPARATOR);
  const renamed = isTreeKind(kind) ? formatPath([...segments.slice(0, -1), clean]) : clean;
  if (renamed === value) return { next: null, result: value };
  const below = value + PATH_SEPARATOR;
  const changed: string[] = [];
  const next = values.map((v) => {
    const after = v === value ? renamed : isTreeKind(kind) && v.startsWith(below) ? renamed + v.slice(value.length) : v;
    if (after !== v) changed.push(after);
    return after;
  });
  assertUnique(kind, next, changed);
  return { next, result: renamed };
}

/**
 * Renames a value in place (its position is kept). For a category or site `name` is its own level's name, and every
 * path below it is renamed with it. Resolves to the new stored value. Incidents keep the values they were recorded with.
 */
export function renameListValue(db: LanternDb, kind: ReferenceKind, value: string, name: string): Promise<string> {
  return editList(db, kind, (values) => planRename(kind, values, value, name));
}

/** Moves a value one place up or down among its siblings (a category or site moves with everything below it). Resolves to the list in its new order. */
export function moveListValue(db: LanternDb, kind: ReferenceKind, value: string, direction: 'up' | 'down'): Promise<string[]> {
  return editList(db, kind, (values) => {
    mustHave(kind, values, value);
    const nodes = referenceTree(kind, values);
    const { siblings, index } = findNode(nodes, value)!;
    const target = direction === 'up' ? index - 1 : index + 1;
    if (target < 0 || target >= siblings.length) {
      refuse('at-edge', `“${value}” is already the ${direction === 'up' ? 'first' : 'last'}${isTreeKind(kind) ? ' at its level' : ''}.`);
    }
    [siblings[index], siblings[target]] = [siblings[target]!, siblings[index]!];
    const next = flatten(nodes);
    return { next, result: next };
  });
}

/** Removes a value (a category or site with every value below it). Resolves to how many values went. */
export function removeListValue(db: LanternDb, kind: ReferenceKind, value: string): Promise<number> {
  return editList(db, kind, (values) => {
    mustHave(kind, values, value);
    const gone = new Set(referenceSubtree(kind, values, value));
    const next = values.filter((v) => !gone.has(v));
    // An empty list reads as its defaults (readReferenceLists), so "remove the last one" would bring them all back.
    // People have no defaults: that list may be empty.
    if (next.length === 0 && DEFAULT_REFERENCE[kind].length > 0) {
      const noun = REFERENCE_NOUNS[kind];
      refuse('last-value', `Removing “${value}” would leave no ${noun} at all. Add another ${noun} first: a list cannot be empty.`);
    }
    return { next, result: gone.size };
  });
}

/** Puts a list back to its defaults (values added here go; renamed ones get their default names back). */
export function resetList(db: LanternDb, kind: ReferenceKind): Promise<void> {
  return editList(db, kind, () => ({ next: [...DEFAULT_REFERENCE[kind]], result: undefined }));
}
