// The after-action review's text is a per-incident, per-person draft: it survives a reopen landing mid-typing, switching incident, Escape and a remount, and goes with the save.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, getTimeline } from '../../renderer/db';
import { DEFAULT_AUTHOR, setCurrentUser } from '../../renderer/db/current-user';
import { createReviewRepository } from '../../renderer/db/review';
import { ReviewSection } from '../../renderer/features/incidents/review-section';
import { createBrowserHost } from '../../renderer/host/browser-host';
import { freshCaptureDb } from './support/render-capture';
import { renderDesk } from './support/render-desk';

const RESOLVE = { resolutionCode: 'Configuration changed', resolutionNotes: 'Pump restarted' } as const;
const WAITING = 'The incident was reopened; your draft is kept and can be saved once it is resolved again.';

describe('after-action review draft', { timeout: 20_000 }, () => {
  it('keeps the form and its text when the incident is reopened while typing, with Save disabled and why; saves once resolved again and deletes the draft', async () => {
    const { user, seed, services, db } = await renderDesk();
    await setCurrentUser(db, { name: 'Ana Field', position: 'Facility Unit Leader' });
    const incident = await seed({ title: 'Cooling pump 2 stopped' });
    expect(await services.incidents.changeStatus(incident.id, 'resolved', RESOLVE)).toMatchObject({ ok: true });
    await user.click(await screen.findByRole('button', { name: 'Cooling pump 2 stopped' }));
    const article = await screen.findByRole('article', { name: 'Cooling pump 2 stopped' });
    const section = await within(article).findByRole('region', { name: 'After-action review' });
    await user.click(within(section).getByRole('button', { name: 'Write review' }));
    const form = within(section).getByRole('dialog', { name: 'Write review' });
    await user.type(within(form).getByLabelText('What happened'), 'Pump seized after a bearing failed');
    await user.click(within(form).getByLabelText('Root cause'));
    await user.paste('Bearing past its service life');
    const draftId = `review:${incident.id}:Ana Field`;
    await waitFor(async () => expect((await db.drafts.get(draftId))?.values).toMatchObject({ whatHappened: 'Pump seized after a bearing failed' }));

    // Another laptop reopens it; the change lands here as sync applies it, through the repository.
    expect(await services.incidents.changeStatus(incident.id, 'in_progress', { reopenReason: 'Pump tripped again', assignee: 'Ben Ops' })).toMatchObject({ ok: true });
    expect(await within(form).findByText(WAITING)).toHaveAttribute('role', 'status');
    expect(within(section).getByRole('dialog', { name: 'Write review' })).toBe(form);
    expect(within(form).getByLabelText('What happened')).toHaveValue('Pump seized after a bearing failed');
    expect(within(form).getByLabelText('Root cause')).toHaveValue('Bearing past its service life');
    const save = within(form).getByRole('button', { name: 'Save review' });
    expect(save).toHaveAttribute('aria-disabled', 'true');
    expect(save).toHaveAccessibleDescription(WAITING);

    // Save and Enter change nothing; typing goes on into the draft.
    const opsBefore = await db.outbox.count();
    await user.click(save);
    await user.click(within(form).getByLabelText('Problem record'));
    await user.keyboard('PRB0042{Enter}');
    await waitFor(async () => expect((await db.drafts.get(draftId))?.values).toMatchObject({ problemRef: 'PRB0042' }));
    expect(await db.outbox.count()).toBe(opsBefore);
    expect(within(section).queryByRole('alert')).toBeNull();

    // Resolved again: the same form saves, and the draft goes with the save.
    expect(await services.incidents.changeStatus(incident.id, 'resolved', RESOLVE)).toMatchObject({ ok: true });
    await waitFor(() => expect(within(form).queryByText(WAITING)).toBeNull());
    expect(save).not.toHaveAttribute('aria-disabled');
    await user.click(save);
    await waitFor(() => expect(within(section).queryByRole('dialog')).toBeNull());
    expect(within(section).getByText('Pump seized after a bearing failed')).toBeInTheDocument();
    expect(within(section).getByText('PRB0042')).toBeInTheDocument();
    expect(await db.drafts.get(draftId)).toBeUndefined();
  });

  it('brings the text back after Escape and after hiding the incident for another one; nothing leaks to the other incident', async () => {
    const { user, seed, services } = await renderDesk();
    const pump = await seed({ title: 'Cooling pump 2 stopped' });
    const lift = await seed({ title: 'Lift 3 stuck' });
    for (const { id } of [pump, lift]) expect(await services.incidents.changeStatus(id, 'resolved', RESOLVE)).toMatchObject({ ok: true });
    const openReview = async (title: string) => {
      await user.click(await screen.findByRole('button', { name: title }));
      const article = await screen.findByRole('article', { name: title });
      const section = await within(article).findByRole('region', { name: 'After-action review' });
      await user.click(within(section).getByRole('button', { name: 'Write review' }));
      return within(section).getByRole('dialog', { name: 'Write review' });
    };

    let form = await openReview('Cooling pump 2 stopped');
    await user.type(within(form).getByLabelText('What happened'), 'Bearing failed');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Write review' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Write review' }));
    form = screen.getByRole('dialog', { name: 'Write review' });
    await waitFor(() => expect(within(form).getByLabelText('What happened')).toHaveValue('Bearing failed'));
    expect(within(form).getByText('Draft restored')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('What happened'), ' at 14:05');

    // Hidden (its last keystrokes written as the form goes), another incident opened, then back.
    await user.click(screen.getByRole('button', { name: 'Back to list' }));
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    form = await openReview('Lift 3 stuck');
    expect(within(form).getByLabelText('What happened')).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Back to list' }));
    form = await openReview('Cooling pump 2 stopped');
    await waitFor(() => expect(within(form).getByLabelText('What happened')).toHaveValue('Bearing failed at 14:05'));
  });

  it('restores the draft after a remount (a reload) over the review being revised, and Discard draft goes back to the review', async () => {
    const db = await freshCaptureDb();
    const incidents = createIncidentRepository(db);
    const services: Services = { db, incidents, host: createBrowserHost() };
    const created = await incidents.record({ title: 'Generator fault' });
    if (!created.ok) throw new Error(created.error.message);
    const resolved = await incidents.changeStatus(created.value.id, 'resolved', RESOLVE);
    if (!resolved.ok) throw new Error(resolved.error.message);
    const written = await createReviewRepository(db).write(created.value.id, { whatHappened: 'Fuel ran out' });
    if (!written.ok) throw new Error(written.error.message);
    const events = await getTimeline(db, created.value.id);
    const Section = () => <ReviewSection incident={resolved.value} events={events} />;
    const user = userEvent.setup();
    const first = render(<ServicesProvider services={services}><Section /></ServicesProvider>);
    await user.click(screen.getByRole('button', { name: 'Revise review' }));
    expect(screen.getByLabelText('What happened')).toHaveValue('Fuel ran out');
    await user.clear(screen.getByLabelText('What happened'));
    await user.type(screen.getByLabelText('What happened'), 'Fuel line clogged');
    // Unmounted before the autosave delay: the last keystrokes are written as the form goes.
    first.unmount();
    const draftId = `review:${created.value.id}:${DEFAULT_AUTHOR.name}`;
    await waitFor(async () => expect((await db.drafts.get(draftId))?.values).toMatchObject({ whatHappened: 'Fuel line clogged' }));

    render(<ServicesProvider services={services}><Section /></ServicesProvider>);
    await user.click(screen.getByRole('button', { name: 'Revise review' }));
    await waitFor(() => expect(screen.getByLabelText('What happened')).toHaveValue('Fuel line clogged'));
    expect(screen.getByText('Draft restored')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Discard draft' }));
    expect(screen.getByLabelText('What happened')).toHaveValue('Fuel ran out');
    await waitFor(async () => expect(await db.drafts.get(draftId)).toBeUndefined());
  });
});
