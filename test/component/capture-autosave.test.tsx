// Capture drafts: autosaved while typing, restored after a reload, listed with resume/discard, gone once saved.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshCaptureDb, renderCapture, unmountAsReload } from './support/render-capture';

describe('capture form drafts', () => {
  it('restores everything typed after a reload (unmount and mount again)', async () => {
    const db = await freshCaptureDb();
    const first = renderCapture(db);
    await first.user.type(screen.getByLabelText('Title'), 'Smoke in corridor B');
    await first.user.type(screen.getByLabelText('Description'), 'Smell near the lift, no alarm yet.');
    await first.user.selectOptions(screen.getByLabelText('Urgency'), '1 — High');
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.values.urgency).toBe(1));
    await unmountAsReload(first, db);

    renderCapture(db);
    expect(await screen.findByDisplayValue('Smoke in corridor B')).toBe(screen.getByLabelText('Title'));
    expect(screen.getByLabelText('Description')).toHaveValue('Smell near the lift, no alarm yet.');
    expect(screen.getByLabelText('Urgency')).toHaveValue('1');
    expect(screen.getByText(/Draft restored/)).toBeInTheDocument();
  });

  it('keeps the last keystrokes when the form closes before the autosave delay, set aside in the Drafts list', async () => {
    const db = await freshCaptureDb();
    const first = renderCapture(db);
    await first.user.type(screen.getByLabelText('Title'), 'Water on floor 2');
    first.unmount();
    await waitFor(async () => expect((await db.drafts.toArray())[0]).toMatchObject({ values: { title: 'Water on floor 2' }, setAsideAt: expect.any(String) }));
    // The next new incident starts blank: typing there must not run on from the draft's title.
    const next = renderCapture(db);
    const drafts = await screen.findByRole('region', { name: 'Drafts' });
    expect(screen.getByLabelText('Title')).toHaveValue('');
    await next.user.type(screen.getByLabelText('Title'), 'Fire alarm panel fault');
    expect(screen.getByLabelText('Title')).toHaveValue('Fire alarm panel fault');
    await next.user.click(within(drafts).getByRole('button', { name: 'Resume draft: Water on floor 2' }));
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue('Water on floor 2'));
    // Resumed, it is in play again: a crash now would bring it back in the next form.
    await waitFor(async () => expect((await db.drafts.get((await db.drafts.toArray()).find((d) => d.values.title === 'Water on floor 2')!.id))?.setAsideAt).toBeUndefined());
  });

  it('does not make a draft from an untouched form', async () => {
    const db = await freshCaptureDb();
    const view = renderCapture(db);
    await view.user.click(screen.getByLabelText('Description'));
    await view.user.tab();
    view.unmount();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await db.drafts.count()).toBe(0);
  });

  it('lists other drafts with resume and discard', async () => {
    const db = await freshCaptureDb();
    const { user } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Generator alarm');
    await user.click(screen.getByRole('button', { name: 'Start blank' }));
    expect(screen.getByLabelText('Title')).toHaveValue('');
    await user.type(screen.getByLabelText('Title'), 'Printer jam');

    const drafts = await screen.findByRole('region', { name: 'Drafts' });
    // Both live lists (drafts, the form's own) follow the database a render later; under load that takes a moment.
    await user.click(await within(drafts).findByRole('button', { name: 'Resume draft: Generator alarm' }));
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue('Generator alarm'));
    const listed = await screen.findByRole('button', { name: 'Discard draft: Printer jam' });
    await user.click(listed);
    await waitFor(async () => expect((await db.drafts.toArray()).map((d) => d.values.title)).toEqual(['Generator alarm']));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Drafts' })).not.toBeInTheDocument());
  });

  it('deletes the draft when the incident is saved', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Lift stuck at level 3');
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(await db.incidents.count()).toBe(1);
    expect(await db.drafts.count()).toBe(0);
  });

  it('discards the current draft and starts blank', async () => {
    const db = await freshCaptureDb();
    const { user } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Test entry');
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    await user.click(screen.getByRole('button', { name: 'Discard draft' }));
    await waitFor(async () => expect(await db.drafts.count()).toBe(0));
    expect(screen.getByLabelText('Title')).toHaveValue('');
  });

  it('shows a hostile draft title in the Drafts list as text', async () => {
    const db = await freshCaptureDb();
    const hostile = '<img src=x onerror="window.__pwnedDraft=1"><b>x</b>';
    await db.drafts.put({ id: 'older', updatedAt: '2026-11-26T10:00:00.000Z', values: { title: hostile } });
    await db.drafts.put({ id: 'newer', updatedAt: '2026-11-26T11:00:00.000Z', values: { title: 'Newest' } });
    const { container } = renderCapture(db);
    expect(await screen.findByDisplayValue('Newest')).toBeInTheDocument();
    const drafts = await screen.findByRole('region', { name: 'Drafts' });
    expect(within(drafts).getByText(hostile)).toBeInTheDocument();
    expect(within(drafts).getByRole('button', { name: `Resume draft: ${hostile}` })).toBeInTheDocument();
    expect(container.querySelector('img, b')).toBeNull();
    expect((window as unknown as { __pwnedDraft?: number }).__pwnedDraft).toBeUndefined();
  });
});
