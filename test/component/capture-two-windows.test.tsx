// Two windows of one browser profile (one database, one lock manager) each work on their own capture draft, never the same one.
import { act, fireEvent, render, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, type LanternDb } from '../../renderer/db';
import { CaptureForm } from '../../renderer/features/capture/capture-form';
import { createDraftClaims } from '../../renderer/features/capture/draft-claims';
import { createBrowserHost } from '../../renderer/host/browser-host';
import { FakeLockManager } from '../unit/renderer/db/capture-draft-claim-locks';
import { freshCaptureDb, unmountAsReload } from './support/render-capture';

const SEPARATE = 'Another window is recording a new incident; this is a separate one.';

/** Opens the capture form in window `name`: its own part of the page, its own claims, the shared database and locks. */
function openWindow(db: LanternDb, locks: FakeLockManager, name: string) {
  const services: Services = { db, incidents: createIncidentRepository(db), host: createBrowserHost() };
  const onSaved = vi.fn<(id: string) => void>();
  const view = render(
    <ServicesProvider services={services}>
      <CaptureForm onSaved={onSaved} onCancel={() => undefined} claims={createDraftClaims(locks.window(name))} />
    </ServicesProvider>,
  );
  const form = within(view.container);
  return { ...view, form, onSaved, user: userEvent.setup(), title: () => form.getByLabelText('Title') };
}

async function draftTitles(db: LanternDb): Promise<string[]> {
  return (await db.drafts.toArray()).map((draft) => String(draft.values.title)).sort();
}

describe('capture form in two windows', () => {
  it('starts a separate draft in the second window and keeps each window typing into its own', async () => {
    const db = await freshCaptureDb();
    const locks = new FakeLockManager();
    const first = openWindow(db, locks, 'first');
    await first.user.type(first.title(), 'Smoke in corridor B');
    await waitFor(async () => expect(await draftTitles(db)).toEqual(['Smoke in corridor B']));

    const second = openWindow(db, locks, 'second');
    expect(await second.form.findByText(SEPARATE)).toBeInTheDocument();
    expect(second.title()).toHaveValue('');
    expect(second.form.queryByText(/Draft restored/)).not.toBeInTheDocument();
    await second.user.type(second.title(), 'Printer on fire');
    await waitFor(async () => expect(await draftTitles(db)).toEqual(['Printer on fire', 'Smoke in corridor B']));
    expect(first.title()).toHaveValue('Smoke in corridor B');

    // The first window's draft is listed in the second, but not offered there: it is being worked on elsewhere.
    const drafts = await second.form.findByRole('region', { name: 'Drafts' });
    expect(await within(drafts).findByText('Open in another window')).toBeInTheDocument();
    expect(within(drafts).queryByRole('button', { name: /Smoke in corridor B/ })).not.toBeInTheDocument();

    // Reloading the second window brings back its own draft, not the first one's.
    await unmountAsReload(second, db);
    locks.crash('second');
    const reloaded = openWindow(db, locks, 'second-reloaded');
    await waitFor(() => expect(reloaded.title()).toHaveValue('Printer on fire'));
    expect(reloaded.form.getByText(/Draft restored/)).toBeInTheDocument();
    expect(first.title()).toHaveValue('Smoke in corridor B');
    expect(await draftTitles(db)).toEqual(['Printer on fire', 'Smoke in corridor B']);
  });

  it('says so in the second window even when the first has not typed anything yet', async () => {
    const db = await freshCaptureDb();
    const locks = new FakeLockManager();
    openWindow(db, locks, 'first');
    await waitFor(() => expect(locks.heldBy('first')).toHaveLength(1));
    const second = openWindow(db, locks, 'second');
    expect(await second.form.findByText(SEPARATE)).toBeInTheDocument();
  });

  it('restores the draft of a window that crashed, in the next window opened', async () => {
    const db = await freshCaptureDb();
    const locks = new FakeLockManager();
    const crashed = openWindow(db, locks, 'crashed');
    await crashed.user.type(crashed.title(), 'Generator alarm');
    await waitFor(async () => expect(await draftTitles(db)).toEqual(['Generator alarm']));
    locks.crash('crashed');

    const next = openWindow(db, locks, 'next');
    await waitFor(() => expect(next.title()).toHaveValue('Generator alarm'));
    expect(next.form.getByText(/Draft restored/)).toBeInTheDocument();
    expect(next.form.queryByText(SEPARATE)).not.toBeInTheDocument();
  });

  it('changes nothing in the second window when the first saves its incident', async () => {
    const db = await freshCaptureDb();
    const locks = new FakeLockManager();
    const first = openWindow(db, locks, 'first');
    await first.user.type(first.title(), 'Lift stuck at level 3');
    await waitFor(async () => expect(await draftTitles(db)).toEqual(['Lift stuck at level 3']));
    const second = openWindow(db, locks, 'second');
    await second.form.findByText(SEPARATE);
    await second.user.type(second.title(), 'Water on floor 2');

    await first.user.click(first.form.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(first.onSaved).toHaveBeenCalledTimes(1));
    await waitFor(async () => expect(await draftTitles(db)).toEqual(['Water on floor 2']));
    expect(second.title()).toHaveValue('Water on floor 2');
    expect(second.form.getByText(SEPARATE)).toBeInTheDocument();
    await waitFor(() => expect(second.form.queryByRole('region', { name: 'Drafts' })).not.toBeInTheDocument());
    expect(await db.incidents.count()).toBe(1);
  });

  it('offers a draft the other window left with Start blank, and Resume then carries it on here alone', async () => {
    const db = await freshCaptureDb();
    const locks = new FakeLockManager();
    const first = openWindow(db, locks, 'first');
    await first.user.type(first.title(), 'Door alarm east wing');
    await waitFor(async () => expect(await draftTitles(db)).toEqual(['Door alarm east wing']));
    const second = openWindow(db, locks, 'second');
    await second.form.findByText(SEPARATE);
    const drafts = await second.form.findByRole('region', { name: 'Drafts' });
    await within(drafts).findByText('Open in another window');

    await first.user.click(first.form.getByRole('button', { name: 'Start blank' }));
    expect(first.title()).toHaveValue('');
    // The second window looks again when the person comes back to it.
    await waitFor(async () => {
      act(() => void fireEvent.focus(window));
      expect(await within(drafts).findByRole('button', { name: 'Resume draft: Door alarm east wing' }, { timeout: 200 })).toBeInTheDocument();
    });
    await second.user.click(within(drafts).getByRole('button', { name: 'Resume draft: Door alarm east wing' }));
    await waitFor(() => expect(second.title()).toHaveValue('Door alarm east wing'));
    expect(second.form.queryByText(SEPARATE)).not.toBeInTheDocument();

    // Now the first window sees it open in the second; Discard draft in the second removes it, and only it.
    await second.user.click(second.form.getByRole('button', { name: 'Discard draft' }));
    await waitFor(async () => expect(await draftTitles(db)).toEqual([]));
    expect(second.title()).toHaveValue('');
  });

  it('refuses to resume a draft another window opened after the list was drawn, and says where it is', async () => {
    const db = await freshCaptureDb();
    const locks = new FakeLockManager();
    const first = openWindow(db, locks, 'first');
    await first.user.type(first.title(), 'Chiller fault');
    await first.user.click(first.form.getByRole('button', { name: 'Start blank' }));
    await waitFor(async () => expect(await draftTitles(db)).toEqual(['Chiller fault']));
    const drafts = await first.form.findByRole('region', { name: 'Drafts' });
    const resume = await within(drafts).findByRole('button', { name: 'Resume draft: Chiller fault' });
    const second = openWindow(db, locks, 'second');
    // Start blank set the draft aside: the second window starts blank and offers it; resumed there, the first window's
    // list, drawn before, still offers it, and Resume checks the claim: the first window is refused.
    const secondDrafts = await second.form.findByRole('region', { name: 'Drafts' });
    expect(second.title()).toHaveValue('');
    await second.user.click(await within(secondDrafts).findByRole('button', { name: 'Resume draft: Chiller fault' }));
    await waitFor(() => expect(second.title()).toHaveValue('Chiller fault'));
    await first.user.click(resume);
    expect(await first.form.findByRole('alert')).toHaveTextContent('“Chiller fault” is open in another window: carry on with it there, or close that window first.');
    expect(first.title()).toHaveValue('');
    expect(second.title()).toHaveValue('Chiller fault');
  });

  it('restores a draft written by the previous version (same row shape, no claim)', async () => {
    const db = await freshCaptureDb();
    await db.drafts.put({ id: '0b4a2f8e-6c1d-4f7a-9e3b-5d2c1a0f9e8d', updatedAt: '2026-11-27T22:10:00.000Z', values: { title: 'Old version draft', description: 'Typed before the update', impact: 2, urgency: 3 } });
    const only = openWindow(db, new FakeLockManager(), 'only');
    await waitFor(() => expect(only.title()).toHaveValue('Old version draft'));
    expect(only.form.getByLabelText('Description')).toHaveValue('Typed before the update');
  });
});
