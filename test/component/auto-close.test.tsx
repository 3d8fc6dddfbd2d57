// Automatic close as a person meets it: the due date under a resolved incident, the setting, and the closing entry.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { readAutoCloseDays } from '../../renderer/db/auto-close';
import { startAutoCloseRunner } from '../../renderer/features/notifications/auto-close-runner';
import { renderDesk } from './support/render-desk';

const DAY = 24 * 60 * 60 * 1000;
const notice = () => screen.queryByRole('group', { name: 'Automatic close' });

async function resolvedAndOpen() {
  const desk = await renderDesk();
  const incident = await desk.openSeeded({ title: 'Generator B failed to start' });
  expect(notice()).toBeNull();
  const resolved = await desk.services.incidents.changeStatus(incident.id, 'resolved', { assignee: 'Ana Field', resolutionCode: 'Fixed', resolutionNotes: 'New starter battery' });
  if (!resolved.ok) throw new Error(resolved.error.message);
  return { desk, incident };
}

async function setDays(desk: Awaited<ReturnType<typeof renderDesk>>, value: string) {
  const dialog = screen.getByRole('dialog', { name: 'SLA policy settings' });
  const form = await within(dialog).findByRole('form', { name: 'Automatic close' });
  const field = within(form).getByLabelText('Close resolved incidents after (days)');
  await desk.user.clear(field);
  if (value !== '') await desk.user.type(field, value);
  await desk.user.click(within(form).getByRole('button', { name: 'Save automatic close' }));
}

/** The form in the open settings dialog. */
const currentForm = () => within(screen.getByRole('dialog', { name: 'SLA policy settings' })).getByRole('form', { name: 'Automatic close' });

describe('automatic close', { timeout: 20_000 }, () => {
  it('shows when a resolved incident will close, follows the setting, and refuses a bad value', async () => {
    const { desk } = await resolvedAndOpen();
    await waitFor(() => expect(notice()).toHaveTextContent(/^Closes automatically .+ \(7 days after it was resolved\) unless it is reopened\.$/));

    await desk.user.click(screen.getByRole('button', { name: 'SLA policies' }));
    await setDays(desk, '3');
    expect(await within(currentForm()).findByRole('status')).toHaveTextContent('Resolved incidents now close automatically after 3 days.');
    expect(within(currentForm()).getByRole('button', { name: 'Save automatic close' })).toHaveFocus();
    await waitFor(() => expect(notice()).toHaveTextContent(/\(3 days after it was resolved\)/));

    for (const bad of ['-2', '', '400']) {
      await setDays(desk, bad);
      expect(await within(currentForm()).findByRole('alert')).toHaveTextContent(/days/);
      const field = within(currentForm()).getByLabelText('Close resolved incidents after (days)');
      expect(field).toHaveAttribute('aria-invalid', 'true');
      // The reason stays with the field for whoever comes back to it.
      expect(field).toHaveAccessibleDescription(/days.*0 turns it off/);
    }
    expect(await readAutoCloseDays(desk.services.db)).toBe(3);

    await setDays(desk, '0');
    expect(await within(currentForm()).findByRole('status')).toHaveTextContent('no longer closed automatically');
    await waitFor(() => expect(notice()).toHaveTextContent('Automatic close is off on this device: it stays resolved until someone closes it.'));
  });

  it('once due, Lantern closes it: status Closed, and the timeline says who and why', async () => {
    const { desk } = await resolvedAndOpen();
    await waitFor(() => expect(notice()).not.toBeNull());
    const runner = startAutoCloseRunner({
      db: desk.services.db,
      syncState: async () => ({ connected: false }),
      clock: { nowMs: () => Date.now() + 8 * DAY, offsetMinutes: () => 60 },
      pause: async () => undefined,
    });
    try {
      expect(await runner.runOnce()).toBe(1);
    } finally {
      runner.stop();
    }
    const article = screen.getByRole('article', { name: 'Generator B failed to start' });
    await waitFor(() => expect(notice()).toBeNull());
    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    const entry = (await within(timeline).findByText(/Closed automatically: 7 days after it was resolved, with no reopen/)).closest('li')!;
    expect(entry).toHaveTextContent('Resolved → Closed');
    expect(entry).toHaveTextContent('Lantern (automatic)');
  });
});
