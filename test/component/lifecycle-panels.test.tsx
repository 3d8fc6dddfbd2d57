// The "Change status" and "Escalate" panels keep the keyboard in place: an error focuses the first invalid field, Escape closes
// only the panel and focus returns to its opener; closing an incident is named as final and confirmed; ✕ only hides the pane.
import { act, screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

async function openPanel(user: UserEvent, name: 'Change status' | 'Escalate') {
  await user.click(screen.getByRole('button', { name }));
  return screen.getByRole('dialog', { name });
}

describe('status and escalation panels: focus and Escape', { timeout: 15_000 }, () => {
  it('after a refused Assign (mouse), focus is on the first invalid field and Escape closes only the panel', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'UPS alarm' });
    const dialog = await openPanel(user, 'Change status');
    await user.click(within(dialog).getByRole('button', { name: 'Assign' }));
    await within(dialog).findByRole('alert');
    await waitFor(() => expect(within(dialog).getByLabelText('Team')).toHaveFocus());

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Change status' })).toBeNull();
    expect(screen.getByRole('article', { name: 'UPS alarm' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Change status' })).toHaveFocus();
  });

  it('after a refused Assign (keyboard Enter), focus stays in the panel on the invalid field', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Chiller alarm' });
    screen.getByRole('button', { name: 'Change status' }).focus();
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Change status' });
    expect(within(dialog).getByLabelText('New status')).toHaveFocus();
    within(dialog).getByRole('button', { name: 'Assign' }).focus();
    await user.keyboard('{Enter}');
    await within(dialog).findByRole('alert');
    await waitFor(() => expect(within(dialog).getByLabelText('Team')).toHaveFocus());
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
  });

  it('Escape closes only the status panel and returns focus to "Change status"', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Lift stuck' });
    await openPanel(user, 'Change status');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Change status' })).toBeNull();
    expect(screen.getByRole('article', { name: 'Lift stuck' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Change status' })).toHaveFocus();
  });

  it('Back returns focus to "Change status"', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Door jammed' });
    const dialog = await openPanel(user, 'Change status');
    await user.click(within(dialog).getByRole('button', { name: 'Back' }));
    expect(screen.queryByRole('dialog', { name: 'Change status' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Change status' })).toHaveFocus();
  });

  it('Escape closes the panel, not the incident, even when focus has fallen to the page', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Boiler pressure low' });
    await openPanel(user, 'Escalate');
    act(() => (document.activeElement as HTMLElement).blur());
    expect(document.activeElement).toBe(document.body);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Escalate' })).toBeNull();
    expect(screen.getByRole('article', { name: 'Boiler pressure low' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Escalate' })).toHaveFocus();
    // The next Escape hides the incident as before.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('article', { name: 'Boiler pressure low' })).toBeNull();
  });

  it('Escalate: a refused escalation focuses the missing field; Escape then closes the panel and focus returns to "Escalate"', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Core switch down' });
    const dialog = await openPanel(user, 'Escalate');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate incident' }));
    await within(dialog).findByRole('alert');
    // A new incident is escalated to a manager level (it gets its first team by Assign).
    await waitFor(() => expect(within(dialog).getByLabelText('Manager level')).toHaveFocus());
    await user.selectOptions(within(dialog).getByLabelText('Manager level'), 'Duty manager');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate incident' }));
    await waitFor(() => expect(within(dialog).getByLabelText('Escalation reason')).toHaveFocus());

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Escalate' })).toBeNull();
    expect(screen.getByRole('article', { name: 'Core switch down' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Escalate' })).toHaveFocus();
  });

  it('after a successful change, focus returns to "Change status"', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Printer on fire' });
    const dialog = await openPanel(user, 'Change status');
    await user.selectOptions(within(dialog).getByLabelText('Team'), 'Electrical');
    await user.click(within(dialog).getByRole('button', { name: 'Assign' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Change status' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Change status' })).toHaveFocus();
    expect((await db.incidents.get(incident.id))?.status).toBe('assigned');
  });
});

describe('closing an incident is final and confirmed', { timeout: 15_000 }, () => {
  async function openResolved(title: string) {
    const desk = await renderDesk();
    const incident = await desk.seed({ title });
    const resolved = await desk.services.incidents.changeStatus(incident.id, 'resolved', { resolutionCode: 'Hardware repaired', resolutionNotes: 'Fan replaced' });
    expect(resolved.ok).toBe(true);
    await desk.user.click(await screen.findByRole('button', { name: title }));
    const article = await screen.findByRole('article', { name: title });
    await within(article).findByText('Resolved', { selector: '.badge, span' });
    return { ...desk, incident, article };
  }

  it('names the action as final and asks for confirmation before closing; Enter confirms', async () => {
    const { user, db, incident } = await openResolved('Generator test failed');
    const dialog = await openPanel(user, 'Change status');
    expect(within(dialog).getByLabelText('New status')).toHaveDisplayValue('Close → Closed');
    expect(within(dialog).queryByRole('button', { name: 'Close' })).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Close incident (final)' }));
    // Nothing is closed yet: a short confirmation says what closing means, with focus on the confirm button.
    const confirm = await within(dialog).findByRole('group', { name: /Close this incident for good\?/ });
    expect(confirm).toHaveTextContent('A closed incident cannot be changed or reopened. Notes can still be added.');
    const yes = within(confirm).getByRole('button', { name: 'Yes, close incident' });
    await waitFor(() => expect(yes).toHaveFocus());
    expect((await db.incidents.get(incident.id))?.status).toBe('resolved');

    await user.keyboard('{Enter}');
    await expect.poll(async () => (await db.incidents.get(incident.id))?.status).toBe('closed');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Change status' })).toBeDisabled());
    expect(screen.queryByRole('dialog', { name: 'Change status' })).toBeNull();
    // "Closed is final" is visible text (not only a tooltip), describes the disabled button, and has the focus.
    const note = screen.getByText(/Closed is final/);
    expect(note).toHaveTextContent('Notes can still be added.');
    expect(screen.getByRole('button', { name: 'Change status' })).toHaveAccessibleDescription(/Closed is final/);
    await waitFor(() => expect(note).toHaveFocus());
  });

  it('"Not yet" backs out of the confirmation without closing', async () => {
    const { user, db, incident } = await openResolved('Water leak in plant room');
    const dialog = await openPanel(user, 'Change status');
    await user.click(within(dialog).getByRole('button', { name: 'Close incident (final)' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Not yet' }));
    expect(within(dialog).queryByRole('group', { name: /for good/ })).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Close incident (final)' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Change status' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Change status' })).toHaveFocus();
    expect((await db.incidents.get(incident.id))?.status).toBe('resolved');
  });
});

describe('the ✕ that hides the detail pane', { timeout: 15_000 }, () => {
  it('is named "Back to list" (not "Close incident") and only hides the pane', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Fridge alarm' });
    expect(screen.queryByRole('button', { name: 'Close incident' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Back to list' }));
    expect(screen.queryByRole('article', { name: 'Fridge alarm' })).toBeNull();
    expect((await db.incidents.get(incident.id))?.status).toBe('new');
  });
});
