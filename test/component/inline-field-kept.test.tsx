// In-place editing keeps typed text across Escape: a stray key must not lose a long entry; saves are announced.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

describe('in-place editing', { timeout: 20_000 }, () => {
  it('Escape keeps the typed text; Edit brings it back; a save announces itself; discard drops it', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Ward 3 oxygen alarm' });
    const article = screen.getByRole('article', { name: 'Ward 3 oxygen alarm' });

    await desk.user.click(within(article).getByRole('button', { name: 'Edit Contacts' }));
    await desk.user.type(screen.getByLabelText('Contacts'), 'Estates on call 4411{Enter}Gas supplier 0800 123');
    await desk.user.keyboard('{Escape}');
    const edit = within(article).getByRole('button', { name: 'Edit Contacts' });
    expect(edit).toHaveFocus();
    expect(within(article).getByText(/Not saved: your text is kept/)).toBeInTheDocument();

    await desk.user.click(edit);
    expect(screen.getByLabelText('Contacts')).toHaveValue('Estates on call 4411\nGas supplier 0800 123');
    expect(within(article).getByText('Your unsaved text is back. Save it, or change it.')).toBeInTheDocument();
    await desk.user.click(within(article).getByRole('button', { name: 'Save Contacts' }));
    await waitFor(() => expect(within(article).getByText('Contacts saved.')).toBeInTheDocument());
    expect(within(article).queryByText(/Not saved/)).toBeNull();

    // Typed again and left: "discard it" drops the text; the editor then opens on what is stored.
    await desk.user.click(within(article).getByRole('button', { name: 'Edit Contacts' }));
    await desk.user.type(screen.getByLabelText('Contacts'), ' (old number)');
    await desk.user.click(within(article).getByRole('button', { name: 'Stop editing Contacts' }));
    await desk.user.click(within(article).getByRole('button', { name: 'Discard unsaved Contacts' }));
    expect(within(article).queryByText(/Not saved/)).toBeNull();
    expect(within(article).getByRole('button', { name: 'Edit Contacts' })).toHaveFocus();
    await desk.user.click(within(article).getByRole('button', { name: 'Edit Contacts' }));
    expect(screen.getByLabelText('Contacts')).toHaveValue('Estates on call 4411\nGas supplier 0800 123');
  });
});
