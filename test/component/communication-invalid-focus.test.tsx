// A refused communication puts the cursor on the field to correct, as the other forms do.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

describe('communication form refusal', { timeout: 30_000 }, () => {
  it('moves focus to the field the refusal names', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Water main burst' });
    await user.click(screen.getByRole('button', { name: 'Log communication' }));
    const form = screen.getByRole('form', { name: 'Communication' });
    await user.type(within(form).getByLabelText('From'), 'Facility desk');
    await user.type(within(form).getByLabelText('Message'), 'Water off at 14:00');
    await user.click(within(form).getByRole('button', { name: 'Save communication' }));
    expect(await within(form).findByRole('alert')).toBeInTheDocument();
    const to = within(form).getByLabelText('To');
    expect(to).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(to).toHaveFocus());
  });
});
