// The shortcut help is a real modal: named and modal, Tab stays inside, the page's keys wait, and closing gives focus back.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFindStore } from '../../renderer/store/find-store';
import { renderDesk } from './support/render-desk';

describe('shortcut help as a modal', { timeout: 30_000 }, () => {
  it('is modal, keeps Tab inside, and gives focus back to the Shortcuts button on close', async () => {
    const { user } = await renderDesk();
    const opener = screen.getByRole('button', { name: /^Shortcuts/ });
    await user.click(opener);
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(help).toHaveAttribute('aria-modal', 'true');
    const close = within(help).getByRole('button', { name: 'Close shortcuts' });
    expect(close).toHaveFocus();
    await user.tab();
    expect(help).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
    await waitFor(() => expect(opener).toHaveFocus());
  });

  it('opened with ? from a list row, closes back to that row; J, K and N do nothing behind it', async () => {
    const { user, seed } = await renderDesk();
    await seed({ title: 'UPS alarm' });
    await seed({ title: 'Printer jam' });
    const table = await screen.findByRole('table', { name: 'Incidents' });
    const row = await within(table).findByRole('button', { name: 'Printer jam' });
    row.focus();
    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const cursorBefore = useFindStore.getState().cursor;
    await user.keyboard('j');
    await user.keyboard('n');
    expect(useFindStore.getState().cursor).toBe(cursorBefore);
    expect(screen.queryByRole('form', { name: 'New incident' })).toBeNull();
    expect(help).toBeInTheDocument();
    await user.click(within(help).getByRole('button', { name: 'Close shortcuts' }));
    await waitFor(() => expect(row).toHaveFocus());
  });

  it('J and K do not move the list cursor from inside another dialog (the notification centre)', async () => {
    const { user, seed } = await renderDesk();
    await seed({ title: 'UPS alarm' });
    await seed({ title: 'Printer jam' });
    await screen.findByRole('table', { name: 'Incidents' });
    await user.click(screen.getByRole('button', { name: /^Notifications/ }));
    const panel = screen.getByRole('dialog', { name: 'Notification centre' });
    expect(panel).toHaveFocus();
    const before = useFindStore.getState().cursor;
    await user.keyboard('j');
    expect(useFindStore.getState().cursor).toBe(before);
  });
});
