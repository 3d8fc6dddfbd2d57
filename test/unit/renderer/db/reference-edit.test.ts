// Editing the reference lists: each edit is one transaction on `reference`, order stays dense, and every refusal names what to change and writes nothing.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { LanternDb } from '../../../../renderer/db/database';
import {
  addListValue,
  DEFAULT_REFERENCE,
  moveListValue,
  readReferenceList,
  readReferenceLists,
  ReferenceEditError,
  removeListValue,
  renameListValue,
  resetList,
  type ReferenceKind,
} from '../../../../renderer/db/reference';
import { LIMITS, UNSTORABLE_TEXT_MESSAGE } from '../../../../shared/domain';
import { freshDb } from './db-test-kit';

const open: Dexie[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});
async function openDb(): Promise<LanternDb> {
  const db = freshDb('reference-edit');
  open.push(db);
  await db.open();
  return db;
}

/** Every row of a list as stored: value and order, in order. */
async function rows(db: LanternDb, kind: ReferenceKind) {
  return (await db.reference.where('[kind+order]').between([kind, Dexie.minKey], [kind, Dexie.maxKey]).toArray()).map(({ id, value, order }) => ({ id, value, order }));
}

async function expectDense(db: LanternDb, kind: ReferenceKind) {
  const stored = await rows(db, kind);
  expect(stored.map((row) => row.order)).toEqual(stored.map((_, index) => index));
  expect(stored.every((row) => row.id === `${kind}:${row.value}`)).toBe(true);
}

/** Runs an edit that must be refused; asserts the code and message, and that no row of any list changed. */
async function expectRefused(db: LanternDb, edit: () => Promise<unknown>, code: string, message: string | RegExp) {
  const before = await db.reference.toArray();
  const error = await edit().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReferenceEditError);
  expect((error as ReferenceEditError).code).toBe(code);
  expect((error as ReferenceEditError).message).toMatch(message);
  expect(await db.reference.toArray()).toEqual(before);
}

const teams = [...DEFAULT_REFERENCE.team];
const facility = DEFAULT_REFERENCE.category.filter((v) => v === 'Facility' || v.startsWith('Facility › '));

describe('adding a value', () => {
  it('appends to a flat list, trimmed and with single spaces', async () => {
    const db = await openDb();
    expect(await addListValue(db, 'team', '  Night   shift ')).toBe('Night shift');
    expect(await readReferenceList(db, 'team')).toEqual([...teams, 'Night shift']);
    await expectDense(db, 'team');
  });

  it('adds a category as the last one under its parent, and a top-level one at the end', async () => {
    const db = await openDb();
    expect(await addListValue(db, 'category', 'Lifts', 'Facility')).toBe('Facility › Lifts');
    expect(await addListValue(db, 'category', 'Clinical')).toBe('Clinical');
    const list = await readReferenceList(db, 'category');
    expect(list.indexOf('Facility › Lifts')).toBe(list.indexOf('Facility › Structural') + 1);
    expect(list.at(-1)).toBe('Clinical');
    expect(list).toHaveLength(DEFAULT_REFERENCE.category.length + 2);
    await expectDense(db, 'category');
  });

  it('adds a site three levels deep', async () => {
    const db = await openDb();
    await addListValue(db, 'site', 'Floor 2', 'Main campus › Block A');
    expect(await readReferenceList(db, 'site')).toEqual(['Main campus', 'Main campus › Block A', 'Main campus › Block A › Floor 2', 'Main campus › Block B', 'Main campus › Plant room', 'Field office']);
  });

  it('writes the whole list when it was only showing its defaults (no rows stored)', async () => {
    const db = await openDb();
    await db.reference.where('kind').equals('channel').delete();
    await addListValue(db, 'channel', 'Pager');
    expect(await readReferenceList(db, 'channel')).toEqual([...DEFAULT_REFERENCE.channel, 'Pager']);
  });

  it.each([
    ['an empty name', 'team', '', undefined, 'empty', 'Type a name for the team first.'],
    ['a name of spaces', 'holdReason', '   ', undefined, 'empty', 'Type a name for the hold reason first.'],
    ['a name already in the list, in other capitals', 'team', 'service DESK', undefined, 'duplicate', 'There is already a team “Service desk”.'],
    ['a category already under that parent', 'category', 'hvac', 'Facility', 'duplicate', 'There is already a category “Facility › HVAC”.'],
    ['a name over the limit', 'channel', 'x'.repeat(LIMITS.shortText + 1), undefined, 'too-long', `limited to ${LIMITS.shortText} characters (this one has ${LIMITS.shortText + 1})`],
    ['a category level over the limit', 'category', 'y'.repeat(LIMITS.pathSegment + 1), 'IT', 'too-long', `limited to ${LIMITS.pathSegment} characters`],
    ['a category name holding ›', 'category', 'HVAC › Chillers', 'Facility', 'separator', 'cannot contain “/” or “›”'],
    ['a site name holding /', 'site', 'Block C/D', undefined, 'separator', 'cannot contain “/” or “›”'],
    ['a half emoji', 'team', 'Team \uD83D', undefined, 'unstorable', UNSTORABLE_TEXT_MESSAGE],
    ['a parent that is gone', 'category', 'Chillers', 'Facility › Gone', 'not-found', '“Facility › Gone” is no longer in the category list'],
  ] as const)('refuses %s and changes nothing', async (_label, kind, name, parent, code, message) => {
    const db = await openDb();
    await expectRefused(db, () => addListValue(db, kind, name, parent), code, message);
  });

  it('keeps a slash in a flat value (only trees use it as a separator)', async () => {
    const db = await openDb();
    await addListValue(db, 'team', 'Server/storage night');
    expect(await readReferenceList(db, 'team')).toContain('Server/storage night');
  });

  it('refuses a site deeper than the limit', async () => {
    const db = await openDb();
    let parent = 'Field office';
    for (let depth = 2; depth <= LIMITS.pathDepth; depth++) parent = await addListValue(db, 'site', `L${depth}`, parent);
    await expectRefused(db, () => addListValue(db, 'site', 'Too deep', parent), 'too-deep', `at most ${LIMITS.pathDepth} levels deep`);
  });
});

describe('renaming a value', () => {
  it('keeps its position in a flat list', async () => {
    const db = await openDb();
    expect(await renameListValue(db, 'team', 'Electrical', 'Electrical & power')).toBe('Electrical & power');
    expect(await readReferenceList(db, 'team')).toEqual(teams.map((t) => (t === 'Electrical' ? 'Electrical & power' : t)));
    await expectDense(db, 'team');
  });

  it('renames a category and every path below it, in place', async () => {
    const db = await openDb();
    expect(await renameListValue(db, 'category', 'Facility', 'Estates')).toBe('Estates');
    const list = await readReferenceList(db, 'category');
    expect(list).toEqual(DEFAULT_REFERENCE.category.map((v) => v.replace(/^Facility/, 'Estates')));
    expect(list.some((v) => v.startsWith('Facility'))).toBe(false);
    await expectDense(db, 'category');
  });

  it('renames one level of a path, keeping its parent', async () => {
    const db = await openDb();
    expect(await renameListValue(db, 'category', 'Facility › HVAC', 'Heating & cooling')).toBe('Facility › Heating & cooling');
    const list = await readReferenceList(db, 'category');
    expect(list.indexOf('Facility › Heating & cooling')).toBe(DEFAULT_REFERENCE.category.indexOf('Facility › HVAC'));
  });

  it('allows changing only the capitals of a value', async () => {
    const db = await openDb();
    await renameListValue(db, 'channel', 'SMS', 'Sms');
    expect(await readReferenceList(db, 'channel')).toEqual(DEFAULT_REFERENCE.channel.map((c) => (c === 'SMS' ? 'Sms' : c)));
  });

  it('writes nothing when the name is unchanged', async () => {
    const db = await openDb();
    const before = await db.reference.toArray();
    expect(await renameListValue(db, 'category', 'Facility › HVAC', ' HVAC ')).toBe('Facility › HVAC');
    expect(await db.reference.toArray()).toEqual(before);
  });

  it.each([
    ['to an empty name', 'team', 'Electrical', ' ', 'empty', 'Type a name for the team first.'],
    ['to a name another value has', 'team', 'Electrical', 'NETWORK operations', 'duplicate', 'There is already a team “Network operations”.'],
    ['a category to a sibling name', 'category', 'Facility › HVAC', 'structural', 'duplicate', 'There is already a category “Facility › Structural”.'],
    ['to a name over the limit', 'site', 'Field office', 'z'.repeat(LIMITS.pathSegment + 1), 'too-long', `limited to ${LIMITS.pathSegment} characters`],
    ['a site to a name holding ›', 'site', 'Main campus › Block A', 'Block A › East', 'separator', 'they separate the levels'],
    ['a value that is gone', 'team', 'Night shift', 'Day shift', 'not-found', '“Night shift” is no longer in the team list'],
  ] as const)('refuses renaming %s and changes nothing', async (_label, kind, value, name, code, message) => {
    const db = await openDb();
    await expectRefused(db, () => renameListValue(db, kind, value, name), code, message);
  });
});

describe('moving a value', () => {
  it('swaps a flat value with its neighbour, keeping order dense', async () => {
    const db = await openDb();
    await moveListValue(db, 'channel', 'Radio', 'up');
    await moveListValue(db, 'channel', 'Email', 'down');
    expect(await readReferenceList(db, 'channel')).toEqual(['Radio', 'Phone', 'SMS', 'Email', 'In person', 'Chat']);
    await expectDense(db, 'channel');
  });

  it('moves a category with everything below it past its sibling', async () => {
    const db = await openDb();
    await moveListValue(db, 'category', 'Facility', 'up');
    const list = await readReferenceList(db, 'category');
    const security = DEFAULT_REFERENCE.category.filter((v) => v === 'Security' || v.startsWith('Security › '));
    const it = DEFAULT_REFERENCE.category.filter((v) => v === 'IT' || v.startsWith('IT › '));
    expect(list).toEqual([...it, ...facility, ...security, 'Safety', 'Safety › Near miss', 'Safety › Hazard', 'Safety › Accident']);
    await expectDense(db, 'category');
  });

  it('moves a sub-category only among its siblings', async () => {
    const db = await openDb();
    await moveListValue(db, 'category', 'Facility › HVAC', 'down');
    const list = await readReferenceList(db, 'category');
    expect(list.indexOf('Facility › HVAC')).toBe(list.indexOf('Facility › Water & plumbing') + 1);
    expect(list).toHaveLength(DEFAULT_REFERENCE.category.length);
  });

  it.each([
    ['the first value up', 'channel', 'Phone', 'up', '“Phone” is already the first.'],
    ['the last value down', 'channel', 'Chat', 'down', '“Chat” is already the last.'],
    ['the last child down', 'category', 'Safety › Accident', 'down', '“Safety › Accident” is already the last at its level.'],
    ['the first child up', 'site', 'Main campus › Block A', 'up', 'already the first at its level'],
  ] as const)('refuses moving %s and changes nothing', async (_label, kind, value, direction, message) => {
    const db = await openDb();
    await expectRefused(db, () => moveListValue(db, kind, value, direction), 'at-edge', message);
  });

  it('refuses moving a value that is gone', async () => {
    const db = await openDb();
    await expectRefused(db, () => moveListValue(db, 'team', 'Night shift', 'up'), 'not-found', 'no longer in the team list');
  });
});

describe('removing a value', () => {
  it('removes a flat value and closes the gap', async () => {
    const db = await openDb();
    expect(await removeListValue(db, 'team', 'Electrical')).toBe(1);
    expect(await readReferenceList(db, 'team')).toEqual(teams.filter((t) => t !== 'Electrical'));
    await expectDense(db, 'team');
  });

  it('removes a category with everything below it', async () => {
    const db = await openDb();
    expect(await removeListValue(db, 'category', 'Facility')).toBe(facility.length);
    expect(await readReferenceList(db, 'category')).toEqual(DEFAULT_REFERENCE.category.filter((v) => !facility.includes(v)));
    await expectDense(db, 'category');
  });

  it('refuses removing the last value of a list, which would bring the defaults back', async () => {
    const db = await openDb();
    for (const channel of DEFAULT_REFERENCE.channel.slice(1)) await removeListValue(db, 'channel', channel);
    await expectRefused(db, () => removeListValue(db, 'channel', 'Phone'), 'last-value', 'Removing “Phone” would leave no channel at all. Add another channel first');
    expect((await readReferenceLists(db)).channel).toEqual(['Phone']);
  });

  it('refuses removing the only top-level site with everything below it', async () => {
    const db = await openDb();
    await removeListValue(db, 'site', 'Field office');
    await expectRefused(db, () => removeListValue(db, 'site', 'Main campus'), 'last-value', 'would leave no site at all');
  });

  it('lets the people list become empty (it has no defaults)', async () => {
    const db = await openDb();
    await addListValue(db, 'person', 'Ana Ruiz');
    expect(await removeListValue(db, 'person', 'Ana Ruiz')).toBe(1);
    expect((await readReferenceLists(db)).person).toEqual([]);
  });

  it('refuses removing a value that is gone', async () => {
    const db = await openDb();
    await expectRefused(db, () => removeListValue(db, 'category', 'Facility › Gone'), 'not-found', 'no longer in the category list');
  });
});

describe('resetting a list', () => {
  it('puts back the defaults of that list only', async () => {
    const db = await openDb();
    await renameListValue(db, 'category', 'Facility', 'Estates');
    await addListValue(db, 'category', 'Clinical');
    await addListValue(db, 'team', 'Night shift');
    await resetList(db, 'category');
    expect(await readReferenceList(db, 'category')).toEqual([...DEFAULT_REFERENCE.category]);
    expect(await readReferenceList(db, 'team')).toEqual([...teams, 'Night shift']);
    await expectDense(db, 'category');
  });
});
