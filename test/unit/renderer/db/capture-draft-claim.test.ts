// Capture drafts across windows of one browser profile: a draft is claimed by one window at a time, and freed when it closes or crashes.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { listDrafts, saveDraft } from '../../../../renderer/db';
import { captureDraftLockName, createDraftClaims, type DraftClaims } from '../../../../renderer/features/capture/draft-claims';
import { claimNewestFreeDraft, type DraftClaim } from '../../../../renderer/features/capture/use-draft-claim';
import { FakeLockManager } from './capture-draft-claim-locks';
import { freshDb, START_MS } from './db-test-kit';

/** Lets the lock manager's tasks and the claims' deferred releases run. */
async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The form's take/drop, outside React: each take is one claim, each drop gives it back. */
function formClaim(claims: DraftClaims): DraftClaim {
  return { take: (id) => claims.claim(id), drop: (id) => claims.release(id) };
}

describe('capture draft claims', () => {
  it('lets one window hold a draft; another window is refused until the first lets it go', async () => {
    const locks = new FakeLockManager();
    const first = createDraftClaims(locks.window('first'));
    const second = createDraftClaims(locks.window('second'));
    expect(await first.claim('draft-a')).toBe(true);
    expect(await second.claim('draft-a')).toBe(false);
    expect(await second.heldElsewhere()).toEqual(new Set(['draft-a']));
    expect(await first.heldElsewhere()).toEqual(new Set());

    first.release('draft-a');
    await settle();
    expect(locks.heldBy('first')).toEqual([]);
    expect(await second.claim('draft-a')).toBe(true);
    expect(locks.heldBy('second')).toEqual([captureDraftLockName('draft-a')]);
  });

  it('frees the drafts of a window that crashed, without that window doing anything', async () => {
    const locks = new FakeLockManager();
    const crashed = createDraftClaims(locks.window('crashed'));
    expect(await crashed.claim('draft-a')).toBe(true);
    locks.crash('crashed');
    expect(await createDraftClaims(locks.window('next')).claim('draft-a')).toBe(true);
  });

  it('keeps the lock when a form lets a draft go and takes it straight back (a remount), so no other window slips in', async () => {
    const locks = new FakeLockManager();
    const first = createDraftClaims(locks.window('first'));
    expect(await first.claim('draft-a')).toBe(true);
    first.release('draft-a');
    const again = first.claim('draft-a');
    const other = createDraftClaims(locks.window('second')).claim('draft-a');
    expect(await again).toBe(true);
    expect(await other).toBe(false);
    await settle();
    expect(locks.heldBy('first')).toEqual([captureDraftLockName('draft-a')]);
  });

  it('lets the lock go only when the last of several claims on it is given back', async () => {
    const locks = new FakeLockManager();
    const first = createDraftClaims(locks.window('first'));
    expect(await first.claim('draft-a')).toBe(true);
    expect(await first.claim('draft-a')).toBe(true);
    first.release('draft-a');
    await settle();
    expect(locks.heldBy('first')).toHaveLength(1);
    first.release('draft-a');
    await settle();
    expect(locks.heldBy('first')).toHaveLength(0);
  });

  it('claims every draft without the Web Locks API, as before there were claims', async () => {
    const claims = createDraftClaims(undefined);
    expect(claims.shared).toBe(false);
    expect(await claims.claim('draft-a')).toBe(true);
    expect(await claims.claim('draft-a')).toBe(true);
    expect(await claims.heldElsewhere()).toEqual(new Set());
  });
});

describe('choosing the capture draft a window carries on with', () => {
  it('skips the newest draft while another window has it open and carries on with the newest free one', async () => {
    const db = freshDb('draft-claim');
    await saveDraft(db, 'crashed-window', { title: 'Printer on fire' }, START_MS);
    await saveDraft(db, 'open-window', { title: 'Smoke in corridor B' }, START_MS + 1_000);
    const locks = new FakeLockManager();
    expect(await createDraftClaims(locks.window('first')).claim('open-window')).toBe(true);

    const claims = createDraftClaims(locks.window('second'));
    const chosen = await claimNewestFreeDraft(await listDrafts(db), formClaim(claims), claims, () => true);
    expect(chosen.draft?.values.title).toBe('Printer on fire');
    expect(chosen.othersRecording).toBe(true);
    expect(locks.heldBy('second')).toEqual([captureDraftLockName('crashed-window')]);
  });

  it('starts fresh, saying another window is recording, when every draft is open elsewhere or none is written yet', async () => {
    const db = freshDb('draft-claim');
    await saveDraft(db, 'open-window', { title: 'Smoke in corridor B' }, START_MS);
    const locks = new FakeLockManager();
    const first = createDraftClaims(locks.window('first'));
    expect(await first.claim('open-window')).toBe(true);
    const second = createDraftClaims(locks.window('second'));
    expect(await claimNewestFreeDraft(await listDrafts(db), formClaim(second), second, () => true)).toEqual({ draft: null, othersRecording: true });

    // A window whose form is open but still blank has written nothing yet; its claim says it is recording.
    const empty = freshDb('draft-claim');
    expect(await first.claim('fresh-id')).toBe(true);
    expect(await claimNewestFreeDraft(await listDrafts(empty), formClaim(second), second, () => true)).toEqual({ draft: null, othersRecording: true });
  });

  it('restores the newest draft as before when no other window is recording', async () => {
    const db = freshDb('draft-claim');
    await saveDraft(db, 'older', { title: 'Older' }, START_MS);
    await saveDraft(db, 'newest', { title: 'Newest' }, START_MS + 1_000);
    const claims = createDraftClaims(new FakeLockManager().window('only'));
    const chosen = await claimNewestFreeDraft(await listDrafts(db), formClaim(claims), claims, () => true);
    expect(chosen).toMatchObject({ draft: { id: 'newest' }, othersRecording: false });
  });

  it('gives the claim back when the person started typing before the draft could be restored', async () => {
    const db = freshDb('draft-claim');
    await saveDraft(db, 'newest', { title: 'Newest' }, START_MS);
    const locks = new FakeLockManager();
    const claims = createDraftClaims(locks.window('only'));
    // Wanted when the draft is claimed, no longer once the claim comes back (a key was pressed meanwhile).
    let asked = 0;
    const chosen = await claimNewestFreeDraft(await listDrafts(db), formClaim(claims), claims, () => (asked += 1) === 1);
    expect(chosen.draft).toBeNull();
    expect(asked).toBe(2);
    await settle();
    expect(locks.heldBy('only')).toEqual([]);
  });
});
