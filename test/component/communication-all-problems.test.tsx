// The communication form names every missing field at once and puts the cursor on the first, as capture and status do.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

describe('communication form, every problem at once', { timeout: 30_000 }, () => {
  it('Ctrl+Enter on an empty form marks From, To and Message with their messages and focuses From; fixing one keeps the others', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Water main burst' });
    await user.click(screen.getByRole('button', { name: 'Log communication' }));
    const form = screen.getByRole('form', { name: 'Communication' });
    await waitFor(() => expect(within(form).getByLabelText('Direction')).toHaveFocus());
    await user.keyboard('{Control>}{Enter}{/Control}');

    const from = within(form).getByLabelText('From');
    const to = within(form).getByLabelText('To');
    const message = within(form).getByLabelText('Message');
    await waitFor(() => expect(from).toHaveFocus());
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(from).toHaveAccessibleDescription('Say who the message is from.');
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to).toHaveAccessibleDescription('Say who the message is to.');
    expect(message).toHaveAttribute('aria-invalid', 'true');
    expect(message).toHaveAccessibleDescription('Write the message first.');
    expect(within(form).getAllByRole('alert')).toHaveLength(3);
    // Channel has its default and the optional fields are fine.
    expect(within(form).getByLabelText('Channel')).not.toHaveAttribute('aria-invalid');
    expect(within(form).getByLabelText('Subject (optional)')).not.toHaveAttribute('aria-invalid');

    // Typing in From clears its mark only: the others still say what is missing.
    await user.type(from, 'Facility desk');
    expect(from).not.toHaveAttribute('aria-invalid');
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(message).toHaveAttribute('aria-invalid', 'true');

    // Saving again names what is still missing and moves on to it; nothing was logged.
    await user.click(within(form).getByRole('button', { name: 'Save communication' }));
    await waitFor(() => expect(to).toHaveFocus());
    expect(within(form).getAllByRole('alert')).toHaveLength(2);
    expect(within(screen.getByRole('list', { name: 'Timeline' })).queryByText(/Facility desk/)).toBeNull();
  });
});
