// Resolving or closing a major incident nobody commanded: said in the status dialog (a warning, not a refusal).
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

const NO_COMMANDER = 'No incident commander was named for this major incident.';

async function openDialog(user: UserEvent) {
  await user.click(screen.getByRole('button', { name: 'Change status' }));
  return screen.getByRole('dialog', { name: 'Change status' });
}

async function fillResolution(user: UserEvent, dialog: HTMLElement) {
  await user.selectOptions(within(dialog).getByLabelText('Resolution code'), 'Configuration changed');
  await user.type(within(dialog).getByLabelText('Resolution notes'), 'Servers rebuilt from backups');
}

describe('status dialog: major incident without a commander', { timeout: 20_000 }, () => {
  it('warns on Resolve and on Close, described on the button, and still lets it through', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Ransomware on ward PCs', major: true });
    let dialog = await openDialog(user);
    // Not on a step that ends nothing.
    expect(within(dialog).queryByText(new RegExp(NO_COMMANDER))).toBeNull();
    await user.selectOptions(within(dialog).getByLabelText('New status'), 'resolved');
    const resolve = within(dialog).getByRole('button', { name: 'Resolve' });
    expect(resolve).toHaveAccessibleDescription(expect.stringContaining(NO_COMMANDER));
    await fillResolution(user, dialog);
    await user.click(resolve);
    await expect.poll(async () => (await db.incidents.get(incident.id))?.status).toBe('resolved');

    dialog = await openDialog(user);
    const close = within(dialog).getByRole('button', { name: 'Close incident (final)' });
    expect(close).toHaveAccessibleDescription(expect.stringContaining(NO_COMMANDER));
    await user.click(close);
    await user.click(await within(dialog).findByRole('button', { name: 'Yes, close incident' }));
    await expect.poll(async () => (await db.incidents.get(incident.id))?.status).toBe('closed');
  });

  it('says nothing when a commander is named or the incident is not major', async () => {
    const { user, openSeeded, services } = await renderDesk();
    const commanded = await openSeeded({ title: 'Generator B failed', major: true });
    expect((await services.incidents.edit(commanded.id, { commander: 'Ana Diaz' })).ok).toBe(true);
    await waitFor(() => expect(within(screen.getByRole('article')).getByText('Ana Diaz')).toBeInTheDocument());
    let dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('New status'), 'resolved');
    expect(within(dialog).queryByText(new RegExp(NO_COMMANDER))).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Resolve' })).not.toHaveAccessibleDescription(expect.stringContaining(NO_COMMANDER));
    await user.click(within(dialog).getByRole('button', { name: 'Back' }));

    await openSeeded({ title: 'Printer jam' });
    dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('New status'), 'resolved');
    expect(within(dialog).queryByText(new RegExp(NO_COMMANDER))).toBeNull();
  });
});
