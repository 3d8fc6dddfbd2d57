// The notification centre is a popover: when Tab takes focus out of it, it closes, so Escape no longer belongs to it.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

describe('notification centre and focus', { timeout: 30_000 }, () => {
  it('closes when Tab leaves it, leaving focus where Tab put it', async () => {
    const { user } = await renderDesk();
    const button = screen.getByRole('button', { name: /^Notifications/ });
    await user.click(button);
    const panel = screen.getByRole('dialog', { name: 'Notification centre' });
    expect(within(panel).getByRole('button', { name: 'Settings' })).toBeInTheDocument();
    const container = button.parentElement!;
    for (let i = 0; i < 10 && container.contains(document.activeElement); i += 1) await user.tab();
    const landed = document.activeElement as HTMLElement;
    expect(container).not.toContainElement(landed);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Notification centre' })).toBeNull());
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(landed).toHaveFocus();
  });
});
