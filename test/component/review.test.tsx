// After-action review on the incident detail: written once resolved, revised, shown in its section and on the timeline; refused while open.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCurrentUser } from '../../renderer/db/current-user';
import { renderDesk } from './support/render-desk';

describe('after-action review', { timeout: 20_000 }, () => {
  it('resolve, write a review, see it in its section and on the timeline, then revise it prefilled', async () => {
    const { user, openSeeded, db } = await renderDesk();
    await setCurrentUser(db, { name: 'Ana Field', position: 'Facility Unit Leader' });
    const incident = await openSeeded({ title: 'Water leak in server room' });
    const article = screen.getByRole('article', { name: 'Water leak in server room' });
    expect(within(article).queryByRole('region', { name: 'After-action review' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Change status' }));
    const statusDialog = screen.getByRole('dialog', { name: 'Change status' });
    await user.selectOptions(within(statusDialog).getByLabelText('New status'), 'resolved');
    await user.selectOptions(within(statusDialog).getByLabelText('Resolution code'), 'Configuration changed');
    await user.type(within(statusDialog).getByLabelText('Resolution notes'), 'Valve shut, pipe replaced');
    await user.click(within(statusDialog).getByRole('button', { name: 'Resolve' }));

    const section = await within(article).findByRole('region', { name: 'After-action review' });
    expect(within(section).getByText(/No review yet/)).toBeInTheDocument();
    const opener = within(section).getByRole('button', { name: 'Write review' });
    await user.click(opener);
    const form = within(section).getByRole('dialog', { name: 'Write review' });
    expect(within(form).getByLabelText('What happened')).toHaveFocus();
    await user.type(within(form).getByLabelText('What happened'), 'Pipe burst above rack 4');
    await user.click(within(form).getByLabelText('What worked'));
    await user.paste('Shutting the valve within minutes');
    await user.click(within(form).getByLabelText('Root cause'));
    await user.paste('Corroded joint');
    await user.click(within(form).getByLabelText('Problem record'));
    await user.paste('https://example.test/PRB0012345');
    await user.click(within(form).getByRole('button', { name: 'Save review' }));

    await waitFor(() => expect(within(section).queryByRole('dialog')).toBeNull());
    expect(within(section).getByRole('button', { name: 'Revise review' })).toHaveFocus();
    const terms = within(section).getAllByRole('term').map((term) => term.textContent);
    expect(terms).toEqual(['What happened', 'What worked', 'Root cause', 'Problem record']);
    expect(within(section).getByText('Pipe burst above rack 4')).toBeInTheDocument();
    // The problem record is plain text, even when it looks like an address.
    expect(within(section).getByText('https://example.test/PRB0012345').closest('a')).toBeNull();
    expect(within(section).queryByRole('link')).toBeNull();
    expect(within(section).getByText(/Written by Ana Field · Facility Unit Leader/)).toBeInTheDocument();
    expect(within(section).queryByText(/revised/)).toBeNull();

    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    const entry = (await within(timeline).findByText(/What happened: Pipe burst above rack 4/)).closest('li')!;
    expect(entry).toHaveTextContent('After-action review');
    expect(entry).toHaveTextContent('Root cause: Corroded joint');

    // Revise: the form opens with the current review; an unchanged save is refused and the form stays.
    await user.click(within(section).getByRole('button', { name: 'Revise review' }));
    const revise = within(section).getByRole('dialog', { name: 'Revise review' });
    expect(within(revise).getByLabelText('What happened')).toHaveValue('Pipe burst above rack 4');
    expect(within(revise).getByLabelText('Problem record')).toHaveValue('https://example.test/PRB0012345');
    await user.click(within(revise).getByRole('button', { name: 'Save review' }));
    expect(await within(revise).findByRole('alert')).toHaveTextContent(/Nothing changed since the last review/);
    expect(revise).toContainElement(document.activeElement as HTMLElement);

    await user.click(within(revise).getByLabelText('What to change'));
    await user.paste('Move the rack away from the pipe run');
    await user.click(within(revise).getByRole('button', { name: 'Save review' }));
    await waitFor(() => expect(within(section).queryByRole('dialog')).toBeNull());
    expect(within(section).getByText('Move the rack away from the pipe run')).toBeInTheDocument();
    expect(within(section).getByText(/^Latest version by Ana Field · Facility Unit Leader/)).toHaveTextContent(/ · revised 1 time$/);
    await waitFor(() => expect(within(timeline).getAllByText(/What happened: Pipe burst above rack 4/)).toHaveLength(2));
    const reviews = (await db.timeline.where('incidentId').equals(incident.id).toArray()).filter((event) => event.kind === 'review');
    expect(reviews).toHaveLength(2);
  });

  it('refuses an empty "what happened" with a message next to the form, keeps focus there and saves nothing; Escape cancels', async () => {
    const { user, seed, services, db } = await renderDesk();
    const incident = await seed({ title: 'Generator B failed to start' });
    const resolved = await services.incidents.changeStatus(incident.id, 'resolved', { resolutionCode: 'Configuration changed', resolutionNotes: 'Restarted' });
    expect(resolved.ok).toBe(true);
    await user.click(await screen.findByRole('button', { name: 'Generator B failed to start' }));
    const article = await screen.findByRole('article', { name: 'Generator B failed to start' });
    const section = await within(article).findByRole('region', { name: 'After-action review' });
    const opsBefore = await db.outbox.count();

    const opener = within(section).getByRole('button', { name: 'Write review' });
    await user.click(opener);
    const form = within(section).getByRole('dialog', { name: 'Write review' });
    await user.type(within(form).getByLabelText('What worked'), 'Fuel was on site');
    await user.type(within(form).getByLabelText('What happened'), '   ');
    await user.click(within(form).getByRole('button', { name: 'Save review' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Write what happened first.');
    const whatHappened = within(form).getByLabelText('What happened');
    expect(whatHappened).toHaveAttribute('aria-invalid', 'true');
    // Focus moves in an effect after the render that shows the message: on a loaded machine, a moment later.
    await waitFor(() => expect(whatHappened).toHaveFocus());
    expect(await db.outbox.count()).toBe(opsBefore);

    await user.keyboard('{Escape}');
    expect(within(section).queryByRole('dialog')).toBeNull();
    expect(opener).toHaveFocus();
    expect(screen.getByRole('article', { name: 'Generator B failed to start' })).toBeInTheDocument();
    expect(await db.outbox.count()).toBe(opsBefore);
  });

  it('a double click on Save writes one review', async () => {
    const { user, seed, services, db } = await renderDesk();
    const incident = await seed({ title: 'Lift stuck on floor 3' });
    await services.incidents.changeStatus(incident.id, 'resolved', { resolutionCode: 'Configuration changed', resolutionNotes: 'Reset' });
    await user.click(await screen.findByRole('button', { name: 'Lift stuck on floor 3' }));
    const article = await screen.findByRole('article', { name: 'Lift stuck on floor 3' });
    const section = await within(article).findByRole('region', { name: 'After-action review' });
    await user.click(within(section).getByRole('button', { name: 'Write review' }));
    const form = within(section).getByRole('dialog', { name: 'Write review' });
    await user.type(within(form).getByLabelText('What happened'), 'Controller froze');
    await user.dblClick(within(form).getByRole('button', { name: 'Save review' }));
    await waitFor(() => expect(within(section).queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(within(section).getByText('Controller froze')).toBeInTheDocument());
    expect((await db.outbox.toArray()).filter((op) => op.event.kind === 'review')).toHaveLength(1);
  });

  it('an open incident shows no review section; a reopened one keeps its review read-only and says when to revise it', async () => {
    const { user, seed, services } = await renderDesk();
    const incident = await seed({ title: 'Badge readers offline' });
    await services.incidents.changeStatus(incident.id, 'in_progress', { assignee: 'Ben Ops' });
    await user.click(await screen.findByRole('button', { name: 'Badge readers offline' }));
    const article = await screen.findByRole('article', { name: 'Badge readers offline' });
    expect(await within(article).findByText('In progress', { selector: '.badge' })).toBeInTheDocument();
    expect(within(article).queryByRole('region', { name: 'After-action review' })).toBeNull();
    expect(within(article).queryByRole('button', { name: 'Write review' })).toBeNull();

    await services.incidents.changeStatus(incident.id, 'resolved', { resolutionCode: 'Configuration changed', resolutionNotes: 'Switch port reset' });
    const section = await within(article).findByRole('region', { name: 'After-action review' });
    await user.click(within(section).getByRole('button', { name: 'Write review' }));
    await user.type(within(section).getByLabelText('What happened'), 'PoE switch port locked up');
    await user.click(within(section).getByRole('button', { name: 'Save review' }));
    await waitFor(() => expect(within(section).queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(within(section).getByText('PoE switch port locked up')).toBeInTheDocument());

    await services.incidents.changeStatus(incident.id, 'in_progress', { reopenReason: 'Readers offline again', assignee: 'Ben Ops' });
    expect(await within(section).findByText(/revise the review once it is resolved/)).toBeInTheDocument();
    expect(within(section).getByText('PoE switch port locked up')).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: /review/ })).toBeNull();
  });
});
