// The status dialog: only lifecycle transitions are offered, and each asks for exactly what it requires.
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

async function openDialog(user: UserEvent) {
  await user.click(screen.getByRole('button', { name: 'Change status' }));
  return screen.getByRole('dialog', { name: 'Change status' });
}

function optionTexts(select: HTMLElement): string[] {
  return within(select).getAllByRole('option').map((o) => o.textContent ?? '');
}

describe('status dialog', { timeout: 15_000 }, () => {
  it('offers only the transitions allowed from New', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'UPS alarm' });
    const dialog = await openDialog(user);
    expect(optionTexts(within(dialog).getByLabelText('New status'))).toEqual([
      'Assign → Assigned',
      'Start work → In progress',
      'Put on hold → On hold',
      'Resolve → Resolved',
      'Cancel → Cancelled',
    ]);
  });

  it('assigns to a team and/or person; without either it says what is missing and changes nothing', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'UPS alarm' });
    const dialog = await openDialog(user);
    await user.click(within(dialog).getByRole('button', { name: 'Assign' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Choose a person or a team to assign the incident to.');
    expect((await db.incidents.get(incident.id))?.status).toBe('new');

    await user.selectOptions(within(dialog).getByLabelText('Team'), 'Electrical');
    await user.type(within(dialog).getByLabelText('Assignee'), 'Ana Field');
    await user.click(within(dialog).getByRole('button', { name: 'Assign' }));
    const article = screen.getByRole('article', { name: 'UPS alarm' });
    await within(article).findByRole('button', { name: 'Edit Team' });
    expect(within(article).getByText('Electrical', { selector: 'dd span' })).toBeInTheDocument();
    expect(within(article).getByText('Ana Field', { selector: 'dd span' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Change status' })).toBeNull();
    expect(await db.incidents.get(incident.id)).toMatchObject({ status: 'assigned', team: 'Electrical', assignee: 'Ana Field' });
    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText(/New → Assigned/)).toBeInTheDocument();
  });

  it('on hold requires a reason from the reference list', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Chiller 2 tripped' });
    const dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('New status'), 'on_hold');
    const reason = within(dialog).getByLabelText('Hold reason');
    expect(optionTexts(reason)).toContain('Awaiting vendor');
    await user.type(within(dialog).getByLabelText('Assignee'), 'Sam Okafor');
    await user.click(within(dialog).getByRole('button', { name: 'Put on hold' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Choose why the incident is on hold.');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    await user.clear(within(dialog).getByLabelText('Assignee'));
    expect(await db.timeline.where('incidentId').equals(incident.id).count()).toBe(1);

    await user.selectOptions(reason, 'Awaiting vendor');
    // A new incident names its owner too: leaving New stops its time-to-own clock.
    await user.click(within(dialog).getByRole('button', { name: 'Put on hold' }));
    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('Choose a person or a team to assign the incident to.'));
    expect(await db.timeline.where('incidentId').equals(incident.id).count()).toBe(1);
    await user.type(within(dialog).getByLabelText('Assignee'), 'Sam Okafor');
    await user.click(within(dialog).getByRole('button', { name: 'Put on hold' }));
    await within(screen.getByRole('article')).findByText('Awaiting vendor');
    expect(await db.incidents.get(incident.id)).toMatchObject({ status: 'on_hold', holdReason: 'Awaiting vendor', assignee: 'Sam Okafor' });
  });

  it('resolve requires a resolution code and notes; then only Close and Reopen are offered', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Network down in Block A' });
    let dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('New status'), 'resolved');
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    // Every missing field at once, each at its field.
    await waitFor(() => expect(within(dialog).getAllByRole('alert').map((a) => a.textContent)).toEqual(['Choose a resolution code.', 'Describe how the service was restored (resolution notes).']));
    await user.selectOptions(within(dialog).getByLabelText('Resolution code'), 'Configuration changed');
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Describe how the service was restored (resolution notes).');
    expect(within(dialog).getByLabelText('Resolution notes')).toHaveAttribute('aria-invalid', 'true');
    await user.type(within(dialog).getByLabelText('Resolution notes'), 'VLAN restored on core switch');
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    await within(screen.getByRole('article')).findByText(/VLAN restored on core switch/, { selector: 'dd' });
    expect(await db.incidents.get(incident.id)).toMatchObject({ status: 'resolved', resolutionCode: 'Configuration changed' });

    dialog = await openDialog(user);
    expect(optionTexts(within(dialog).getByLabelText('New status'))).toEqual(['Close → Closed', 'Reopen → In progress']);
    await user.selectOptions(within(dialog).getByLabelText('New status'), 'in_progress');
    await user.click(within(dialog).getByRole('button', { name: 'Reopen' }));
    // Resolved straight from New, nobody owns it: work cannot restart without an owner; both are asked for at once.
    await waitFor(() => expect(within(dialog).getAllByRole('alert')).toHaveLength(2));
    expect(within(dialog).getByLabelText('Reopen reason')).toHaveAccessibleDescription('Say why the incident is reopened.');
    await user.type(within(dialog).getByLabelText('Reopen reason'), 'Outage came back');
    await user.click(within(dialog).getByRole('button', { name: 'Reopen' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Choose a person or a team to assign the incident to.');
    expect((await db.incidents.get(incident.id))?.status).toBe('resolved');
    await user.type(within(dialog).getByLabelText('Assignee'), 'Dana');
    await user.click(within(dialog).getByRole('button', { name: 'Reopen' }));
    await expect.poll(async () => (await db.incidents.get(incident.id))?.status).toBe('in_progress');
    expect(await db.incidents.get(incident.id)).toMatchObject({ assignee: 'Dana', resolutionCode: null });
  });

  it('cancel requires a reason and may name the surviving incident by number', async () => {
    const { user, seed, openSeeded, db } = await renderDesk();
    const survivor = await seed({ title: 'Fire alarm panel fault' });
    const incident = await openSeeded({ title: 'Fire panel beeping' });
    const dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('New status'), 'cancelled');
    // Refusals come before the "for good?" question, at their fields.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel incident (final)' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/Say why the incident is cancelled/);
    expect(within(dialog).queryByRole('button', { name: 'Yes, cancel incident' })).toBeNull();
    await user.type(within(dialog).getByLabelText('Cancel reason'), 'Duplicate');
    await user.type(within(dialog).getByLabelText(/Duplicate of/), 'ZZZZ-9999');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel incident (final)' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('No incident numbered ZZZZ-9999 is on this computer.');
    await user.clear(within(dialog).getByLabelText(/Duplicate of/));
    await user.type(within(dialog).getByLabelText(/Duplicate of/), survivor.number.toLowerCase());
    await user.click(within(dialog).getByRole('button', { name: 'Cancel incident (final)' }));
    expect(within(dialog).getByRole('group', { name: /^Cancel this incident for good\?/ })).toHaveTextContent(/A cancelled incident cannot be changed or reopened/);
    expect(await db.incidents.get(incident.id)).toMatchObject({ status: 'new' });
    await user.click(within(dialog).getByRole('button', { name: 'Yes, cancel incident' }));
    await expect.poll(async () => (await db.incidents.get(incident.id))?.status).toBe('cancelled');
    expect(await db.incidents.get(incident.id)).toMatchObject({ cancelReason: 'Duplicate', duplicateOf: survivor.id });
    // Cancelled is final: no status change is offered any more.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Change status' })).toBeDisabled());
  });

  it('Escape closes the dialog but keeps the incident open', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Lift stuck' });
    await openDialog(user);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Change status' })).toBeNull();
    expect(screen.getByRole('article', { name: 'Lift stuck' })).toBeInTheDocument();
  });
});
