// Work-note and communication drafts: kept per incident through Escape, switching incidents and a reload; gone once saved.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository } from '../../renderer/db';
import { NoteForm } from '../../renderer/features/incidents/note-form';
import { createBrowserHost } from '../../renderer/host/browser-host';
import { freshCaptureDb, renderCapture } from './support/render-capture';
import { renderDesk } from './support/render-desk';

afterEach(() => vi.restoreAllMocks());

describe('entry drafts', { timeout: 20_000 }, () => {
  it('keeps a half-typed work note through Escape and another incident, per incident, and deletes it once added', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const chiller = await openSeeded({ title: 'Chiller 2 tripped' });
    await openSeeded({ title: 'Lift 3 stuck' });
    await user.click(screen.getByRole('button', { name: 'Chiller 2 tripped' }));
    await user.type(await screen.findByLabelText('Work note'), 'Reset 14:05');
    expect(await screen.findByText('Draft kept')).toBeInTheDocument();

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('article')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Lift 3 stuck' }));
    await screen.findByRole('article', { name: 'Lift 3 stuck' });
    expect(screen.getByLabelText('Work note')).toHaveValue('');

    await user.click(screen.getByRole('button', { name: 'Chiller 2 tripped' }));
    await waitFor(() => expect(screen.getByLabelText('Work note')).toHaveValue('Reset 14:05'));
    expect(screen.getByText('Draft restored')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add note' }));
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    await within(timeline).findByText('Reset 14:05');
    expect(screen.getByLabelText('Work note')).toHaveValue('');
    expect(screen.queryByText(/^Draft (kept|restored)$/)).not.toBeInTheDocument();
    await waitFor(async () => expect(await db.drafts.get(`note:${chiller.id}:Unknown user`)).toBeUndefined());
  });

  it('writes the last keystrokes when the form goes away before the autosave delay (reload), and keeps them out of capture drafts', async () => {
    const db = await freshCaptureDb();
    const services: Services = { db, incidents: createIncidentRepository(db), host: createBrowserHost() };
    const created = await services.incidents.record({ title: 'Generator fault' });
    if (!created.ok) throw new Error(created.error.message);
    const mount = () => render(<ServicesProvider services={services}><NoteForm incidentId={created.value.id} /></ServicesProvider>);
    const first = mount();
    await userEvent.setup().type(screen.getByLabelText('Work note'), 'Fuel at 40 %');
    first.unmount();
    await waitFor(async () => expect((await db.drafts.get(`note:${created.value.id}:Unknown user`))?.values).toEqual({ text: 'Fuel at 40 %' }));

    const second = mount();
    expect(await screen.findByDisplayValue('Fuel at 40 %')).toBe(screen.getByLabelText('Work note'));
    second.unmount();

    // The capture form neither lists the note draft nor resumes it as an incident.
    renderCapture(db);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByRole('region', { name: 'Drafts' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveValue('');
  });

  it('keeps a half-typed communication when Escape closes the form, and deletes it once saved', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Power cut Block A' });
    await user.click(screen.getByRole('button', { name: 'Log communication' }));
    let form = screen.getByRole('form', { name: 'Communication' });
    await user.selectOptions(within(form).getByLabelText('Direction'), 'Incoming');
    await user.type(within(form).getByLabelText('From'), 'Ward 3');
    await user.type(within(form).getByLabelText('Message'), 'Fridges warming up');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Communication' })).not.toBeInTheDocument();
    // Escape closed the form only: the incident stays open.
    expect(screen.getByRole('article', { name: 'Power cut Block A' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Log communication' }));
    form = screen.getByRole('form', { name: 'Communication' });
    await waitFor(() => expect(within(form).getByLabelText('Message')).toHaveValue('Fridges warming up'));
    expect(within(form).getByLabelText('Direction')).toHaveDisplayValue('Incoming');
    expect(within(form).getByLabelText('From')).toHaveValue('Ward 3');
    expect(within(form).getByText('Draft restored')).toBeInTheDocument();

    await user.type(within(form).getByLabelText('To'), 'Facility desk');
    await user.click(within(form).getByRole('button', { name: 'Save communication' }));
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    await within(timeline).findByText(/Fridges warming up/);
    await waitFor(async () => expect(await db.drafts.get(`communication:${incident.id}:Unknown user`)).toBeUndefined());
    await user.click(screen.getByRole('button', { name: 'Log communication' }));
    expect(within(screen.getByRole('form', { name: 'Communication' })).getByLabelText('Message')).toHaveValue('');
  });

  it('"Log communication" brings the form into view with the cursor in its first field', async () => {
    // jsdom has no layout, so no scrollIntoView: a spy stands in and records which element asked.
    const scrolled = vi.fn();
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = scrolled;
    onTestFinished(() => {
      Element.prototype.scrollIntoView = original;
    });
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Network down in Block C' });
    await user.click(screen.getByRole('button', { name: 'Log communication' }));
    const form = screen.getByRole('form', { name: 'Communication' });
    expect(within(form).getByLabelText('Direction')).toHaveFocus();
    expect(scrolled).toHaveBeenCalledWith({ block: 'nearest' });
    expect(scrolled.mock.contexts.at(-1)).toBe(form);
  });
});
