// Change status and Escalate keep what was typed when the panel closes (Escape, Back), and forget it once applied.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

const NOTES = 'Breaker in panel 2B reset; load transferred back from the generator at 14:05.';

describe('panel drafts', { timeout: 20_000 }, () => {
  it('Change status: resolution notes survive Escape and Back, come back with the step chosen, and go once resolved', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Ward 4 lost power' });
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    let dialog = screen.getByRole('dialog', { name: 'Change status' });
    await user.selectOptions(within(dialog).getByLabelText('New status'), 'resolved');
    await user.selectOptions(within(dialog).getByLabelText('Resolution code'), 'Fixed');
    await user.type(within(dialog).getByLabelText('Resolution notes'), NOTES);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Change status' })).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Change status' }));
    dialog = screen.getByRole('dialog', { name: 'Change status' });
    await waitFor(() => expect(within(dialog).getByLabelText('Resolution notes')).toHaveValue(NOTES));
    expect(within(dialog).getByLabelText('New status')).toHaveValue('resolved');
    expect(within(dialog).getByLabelText('Resolution code')).toHaveValue('Fixed');
    expect(within(dialog).getByRole('status')).toHaveTextContent('Draft restored');
    await user.click(within(dialog).getByRole('button', { name: 'Back' }));
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    dialog = screen.getByRole('dialog', { name: 'Change status' });
    await waitFor(() => expect(within(dialog).getByLabelText('Resolution notes')).toHaveValue(NOTES));

    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Change status' })).toBeNull());
    expect((await db.incidents.get(incident.id))?.resolutionNotes).toBe(NOTES);
    expect((await db.drafts.toArray()).filter((d) => d.id.startsWith('status_change'))).toEqual([]);
    // Opened again (now resolved: reopen or close), nothing of the old step comes back.
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    dialog = screen.getByRole('dialog', { name: 'Change status' });
    expect(within(dialog).queryByText('Draft restored')).toBeNull();
  });

  it('Escalate: the reason survives Escape and goes once escalated', async () => {
    const { user, openSeeded, db } = await renderDesk();
    await openSeeded({ title: 'Core switch down' });
    await user.click(screen.getByRole('button', { name: 'Escalate' }));
    let dialog = screen.getByRole('dialog', { name: 'Escalate' });
    await user.selectOptions(within(dialog).getByLabelText('Escalation type'), 'hierarchical');
    await user.selectOptions(within(dialog).getByLabelText('Manager level'), 'Duty manager');
    await user.type(within(dialog).getByLabelText('Escalation reason'), 'Patient safety risk');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Escalate' })).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Escalate' }));
    dialog = screen.getByRole('dialog', { name: 'Escalate' });
    await waitFor(() => expect(within(dialog).getByLabelText('Escalation reason')).toHaveValue('Patient safety risk'));
    expect(within(dialog).getByLabelText('Escalation type')).toHaveValue('hierarchical');
    expect(within(dialog).getByLabelText('Manager level')).toHaveValue('Duty manager');
    // Discard draft takes the draft away and puts focus in the panel's first field, not on the page.
    await user.click(within(dialog).getByRole('button', { name: 'Discard draft' }));
    await waitFor(() => expect(within(dialog).getByLabelText('Escalation type')).toHaveFocus());
    expect(within(dialog).getByLabelText('Escalation reason')).toHaveValue('');
    await user.selectOptions(within(dialog).getByLabelText('Escalation type'), 'hierarchical');
    await user.selectOptions(within(dialog).getByLabelText('Manager level'), 'Duty manager');
    await user.type(within(dialog).getByLabelText('Escalation reason'), 'Patient safety risk');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate incident' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Escalate' })).toBeNull());
    expect((await db.drafts.toArray()).filter((d) => d.id.startsWith('escalation'))).toEqual([]);
  });

  it('Ctrl+Enter in a text field applies the panel, as in the other entry forms', async () => {
    const { user, openSeeded, db, services } = await renderDesk();
    const incident = await openSeeded({ title: 'Nurse call down' });
    await services.incidents.changeStatus(incident.id, 'assigned', { team: 'Service desk' });
    await user.click(screen.getByRole('button', { name: 'Escalate' }));
    const escalate = screen.getByRole('dialog', { name: 'Escalate' });
    await user.selectOptions(within(escalate).getByLabelText('To team'), 'Network operations');
    await user.type(within(escalate).getByLabelText('Escalation reason'), 'Switch stack fault');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Escalate' })).toBeNull());
    expect((await db.incidents.get(incident.id))?.team).toBe('Network operations');

    await user.click(screen.getByRole('button', { name: 'Change status' }));
    const status = screen.getByRole('dialog', { name: 'Change status' });
    await user.selectOptions(within(status).getByLabelText('New status'), 'resolved');
    await user.selectOptions(within(status).getByLabelText('Resolution code'), 'Fixed');
    await user.type(within(status).getByLabelText('Resolution notes'), 'Stack member replaced.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Change status' })).toBeNull());
    expect((await db.incidents.get(incident.id))?.status).toBe('resolved');
  });
});
