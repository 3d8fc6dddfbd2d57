// Escalation: functional (to another team) and hierarchical (to a manager level), with a reason, on the timeline and the header.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

describe('escalation', { timeout: 15_000 }, () => {
  it('functional: hands the incident to another team and shows it on the header and the timeline', async () => {
    const { user, openSeeded, db, services } = await renderDesk();
    const incident = await openSeeded({ title: 'Core switch down' });
    await services.incidents.changeStatus(incident.id, 'assigned', { team: 'Service desk' });
    await user.click(screen.getByRole('button', { name: 'Escalate' }));
    const dialog = screen.getByRole('dialog', { name: 'Escalate' });
    await user.selectOptions(within(dialog).getByLabelText('To team'), 'Network operations');
    await user.type(within(dialog).getByLabelText('Escalation reason'), 'Needs routing specialist');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate incident' }));

    const article = screen.getByRole('article', { name: 'Core switch down' });
    expect(await within(article).findByText('Escalated (functional) to Network operations')).toBeInTheDocument();
    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText('Functional escalation to Network operations · Reason: Needs routing specialist')).toBeInTheDocument();
    expect(await db.incidents.get(incident.id)).toMatchObject({ team: 'Network operations' });
    expect(screen.queryByRole('dialog', { name: 'Escalate' })).toBeNull();
  });

  it('functional: says before escalating that the assigned person is cleared, and clears them', async () => {
    const { user, openSeeded, db, services } = await renderDesk();
    const incident = await openSeeded({ title: 'Chiller 2 tripped' });
    await services.incidents.changeStatus(incident.id, 'assigned', { team: 'Service desk', assignee: 'Sam Ortiz' });
    await user.click(screen.getByRole('button', { name: 'Escalate' }));
    const dialog = screen.getByRole('dialog', { name: 'Escalate' });
    expect(within(dialog).getByLabelText('To team')).toHaveAccessibleDescription('Sam Ortiz will no longer be assigned: the new team assigns it.');
    // A manager level changes nobody: no such words there.
    await user.selectOptions(within(dialog).getByLabelText('Escalation type'), 'hierarchical');
    expect(within(dialog).getByLabelText('Manager level')).not.toHaveAccessibleDescription();
    await user.selectOptions(within(dialog).getByLabelText('Escalation type'), 'functional');
    await user.selectOptions(within(dialog).getByLabelText('To team'), 'Electrical');
    await user.type(within(dialog).getByLabelText('Escalation reason'), 'Needs an electrician');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate incident' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Escalate' })).toBeNull());
    expect(await db.incidents.get(incident.id)).toMatchObject({ team: 'Electrical', assignee: null });
  });

  it('a new incident goes to its first team by Assign, not by escalation: the functional choice is off and says so', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Badge readers offline' });
    await user.click(screen.getByRole('button', { name: 'Escalate' }));
    const dialog = screen.getByRole('dialog', { name: 'Escalate' });
    const type = within(dialog).getByLabelText('Escalation type');
    expect(type).toHaveValue('hierarchical');
    expect(within(type).getByRole('option', { name: 'Functional — to another team' })).toBeDisabled();
    expect(type).toHaveAccessibleDescription(/use Change status → Assign/);
    await user.selectOptions(within(dialog).getByLabelText('Manager level'), 'Duty manager');
    await user.type(within(dialog).getByLabelText('Escalation reason'), 'Nobody free on the desk');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate incident' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Escalate' })).toBeNull());
    expect(await db.incidents.get(incident.id)).toMatchObject({ status: 'new', team: null });
  });

  it('hierarchical: asks for a manager level and a reason, with inline messages', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Theatre generator failed' });
    await user.click(screen.getByRole('button', { name: 'Escalate' }));
    const dialog = screen.getByRole('dialog', { name: 'Escalate' });
    await user.selectOptions(within(dialog).getByLabelText('Escalation type'), 'hierarchical');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate incident' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Choose the manager level to escalate to.');
    expect(within(dialog).getByLabelText('Manager level')).toHaveAttribute('aria-invalid', 'true');
    await user.selectOptions(within(dialog).getByLabelText('Manager level'), 'Duty manager');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate incident' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Say why the incident is escalated.');
    expect(await db.timeline.where('incidentId').equals(incident.id).count()).toBe(1);

    await user.type(within(dialog).getByLabelText('Escalation reason'), 'Patient safety risk');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate incident' }));
    const article = screen.getByRole('article', { name: 'Theatre generator failed' });
    expect(await within(article).findByText('Escalated (hierarchical) to Duty manager')).toBeInTheDocument();
    expect((await db.incidents.get(incident.id))?.team).toBeNull();
  });
});
