// The status dialog's refusals reach every field they concern, all at once.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

describe('status dialog refusals', { timeout: 30_000 }, () => {
  it('marks both Team and Assignee when neither is given, each described by the message', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'UPS alarm' });
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    const dialog = screen.getByRole('dialog', { name: 'Change status' });
    await user.click(within(dialog).getByRole('button', { name: 'Assign' }));
    const message = 'Choose a person or a team to assign the incident to.';
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(message);
    for (const label of ['Team', 'Assignee']) {
      const field = within(dialog).getByLabelText(label);
      expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(field).toHaveAccessibleDescription(message);
    }
    await waitFor(() => expect(within(dialog).getByLabelText('Team')).toHaveFocus());
  });

  it('reopening says every missing field at once: the reason and the owner', async () => {
    const { user, openSeeded, services, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Network down in Block A' });
    const resolved = await services.incidents.changeStatus(incident.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Switch rebooted' });
    expect(resolved.ok).toBe(true);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Change status' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    const dialog = screen.getByRole('dialog', { name: 'Change status' });
    await user.selectOptions(within(dialog).getByLabelText('New status'), 'in_progress');
    await user.click(within(dialog).getByRole('button', { name: 'Reopen' }));
    await waitFor(() => expect(within(dialog).getAllByRole('alert')).toHaveLength(2));
    expect(within(dialog).getByLabelText('Reopen reason')).toHaveAccessibleDescription('Say why the incident is reopened.');
    expect(within(dialog).getByLabelText('Assignee')).toHaveAccessibleDescription('Choose a person or a team to assign the incident to.');
    expect((await db.incidents.get(incident.id))?.status).toBe('resolved');
  });
});
