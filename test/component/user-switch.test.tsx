// Switching who works on a shared laptop: later entries name the new person; a blank name is refused.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './support/render-app';

describe('user switch', () => {
  it('asks who is working, and the next incident names that person and position', async () => {
    const { user, db } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'Who is working? Set your name' }));
    const dialog = screen.getByRole('dialog', { name: 'Who is working' });
    await user.type(within(dialog).getByLabelText('Your name'), 'Amira Haddad');
    await user.type(within(dialog).getByLabelText('Position (optional)'), 'Facility Unit Leader');
    await user.click(within(dialog).getByRole('button', { name: 'Start working' }));
    expect(await screen.findByRole('button', { name: 'Working as Amira Haddad. Switch user' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New incident' }));
    await user.type(screen.getByLabelText('Title'), 'Lift 3 stuck between floors');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await screen.findByRole('article', { name: 'Lift 3 stuck between floors' });
    const [incident] = await db.incidents.toArray();
    expect(incident?.createdBy).toEqual({ name: 'Amira Haddad', position: 'Facility Unit Leader' });
    const [op] = await db.outbox.toArray();
    expect(op?.event.author.name).toBe('Amira Haddad');
  });

  it('keeps Tab inside the dialog: past its last control to its first, and back', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'Who is working? Set your name' }));
    const dialog = screen.getByRole('dialog', { name: 'Who is working' });
    const name = within(dialog).getByLabelText('Your name');
    await waitFor(() => expect(name).toHaveFocus());
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(within(dialog).getByRole('button', { name: 'Start drill' })).toHaveFocus();
    await user.tab();
    expect(name).toHaveFocus();
  });

  it('refuses a blank name with a message and keeps the previous user', async () => {
    const { user, db } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'Who is working? Set your name' }));
    const dialog = screen.getByRole('dialog', { name: 'Who is working' });
    await user.type(within(dialog).getByLabelText('Your name'), '   ');
    await user.click(within(dialog).getByRole('button', { name: 'Start working' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/name/i);
    expect(await db.meta.get('currentUser')).toBeUndefined();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Who is working' })).not.toBeInTheDocument();
  });
});
