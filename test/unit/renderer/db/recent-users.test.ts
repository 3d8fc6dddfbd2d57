// The quick switch's memory: most recent first, one entry per person and position, bounded, damaged entries left out.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { getRecentUsers, RECENT_USERS_KEPT, setCurrentUser } from '../../../../renderer/db/current-user';
import type { LanternDb } from '../../../../renderer/db/database';
import { freshDb } from './db-test-kit';

let db: LanternDb;
afterEach(() => db?.close());

describe('recent users', () => {
  it('keeps the latest first, moves a returning person to the front, and counts positions apart', async () => {
    db = freshDb('recent-users');
    await setCurrentUser(db, { name: 'Ana Ruiz', position: 'Charge nurse' });
    await setCurrentUser(db, { name: 'Sam Okafor' });
    await setCurrentUser(db, { name: 'Ana Ruiz', position: 'Unit Leader' });
    await setCurrentUser(db, { name: 'Sam Okafor' });
    expect(await getRecentUsers(db)).toEqual([{ name: 'Sam Okafor' }, { name: 'Ana Ruiz', position: 'Unit Leader' }, { name: 'Ana Ruiz', position: 'Charge nurse' }]);
  });

  it(`remembers at most ${RECENT_USERS_KEPT} people, and a refused name changes nothing`, async () => {
    db = freshDb('recent-users-bound');
    for (let i = 1; i <= RECENT_USERS_KEPT + 3; i++) await setCurrentUser(db, { name: `Person ${i}` });
    const recent = await getRecentUsers(db);
    expect(recent).toHaveLength(RECENT_USERS_KEPT);
    expect(recent[0]).toEqual({ name: `Person ${RECENT_USERS_KEPT + 3}` });
    expect((await setCurrentUser(db, { name: '   ' })).ok).toBe(false);
    expect(await getRecentUsers(db)).toEqual(recent);
  });

  it('leaves out damaged entries instead of offering them', async () => {
    db = freshDb('recent-users-damaged');
    await db.meta.put({ key: 'recentUsers', value: [{ name: 'Ana Ruiz' }, { name: '' }, 42, { title: 'x' }] as never });
    expect(await getRecentUsers(db)).toEqual([{ name: 'Ana Ruiz' }]);
    await db.meta.put({ key: 'recentUsers', value: 'not a list' as never });
    expect(await getRecentUsers(db)).toEqual([]);
  });
});
