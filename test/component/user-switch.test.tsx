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

  it('gives the top bar button the whole name and position as its tooltip and description (it may be cut short on screen)', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'Who is working? Set your name' }));
    const dialog = screen.getByRole('dialog', { name: 'Who is working' });
    await user.type(within(dialog).getByLabelText('Your name'), 'Dana Reyes');
    await user.type(within(dialog).getByLabelText('Position (optional)'), 'IT Security Officer, Business Continuity');
    await user.click(within(dialog).getByRole('button', { name: 'Start working' }));
    const button = await screen.findByRole('button', { name: 'Working as Dana Reyes. Switch user' });
    expect(button).toHaveAttribute('title', 'Dana Reyes · IT Security Officer, Business Continuity');
    expect(button).toHaveAccessibleDescription('Dana Reyes · IT Security Officer, Business Continuity');
    expect(button).toHaveTextContent('Dana Reyes · IT Security Officer, Business Continuity');
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

  it('offers the people who worked here lately, so a handover back is one click', async () => {
    const { user, db } = await renderApp();
    const switchTo = async (opener: RegExp, name: string, position: string) => {
      await user.click(screen.getByRole('button', { name: opener }));
      const dialog = screen.getByRole('dialog', { name: 'Who is working' });
      await user.clear(within(dialog).getByLabelText('Your name'));
      await user.type(within(dialog).getByLabelText('Your name'), name);
      await user.clear(within(dialog).getByLabelText('Position (optional)'));
      await user.type(within(dialog).getByLabelText('Position (optional)'), position);
      await user.click(within(dialog).getByRole('button', { name: 'Start working' }));
      await screen.findByRole('button', { name: `Working as ${name}. Switch user` });
    };
    await switchTo(/Set your name/, 'Amira Haddad', 'Facility Unit Leader');
    await switchTo(/Working as Amira/, 'Sam Okafor', 'Electrician');

    await user.click(screen.getByRole('button', { name: 'Working as Sam Okafor. Switch user' }));
    const dialog = screen.getByRole('dialog', { name: 'Who is working' });
    // The list is read from the local database as the dialog opens.
    const recent = await within(dialog).findByRole('region', { name: 'Worked here recently' });
    // The person at the keyboard is not offered to themselves.
    expect(within(recent).getAllByRole('button').map((b) => b.textContent)).toEqual(['Amira Haddad · Facility Unit Leader']);
    await user.click(within(recent).getByRole('button', { name: 'Amira Haddad · Facility Unit Leader' }));
    expect(await screen.findByRole('button', { name: 'Working as Amira Haddad. Switch user' })).toBeInTheDocument();
    expect(await db.meta.get('currentUser')).toMatchObject({ value: { name: 'Amira Haddad', position: 'Facility Unit Leader' } });
    expect((await db.meta.get('recentUsers'))?.value).toEqual([
      { name: 'Amira Haddad', position: 'Facility Unit Leader' },
      { name: 'Sam Okafor', position: 'Electrician' },
    ]);

    // A new name does not inherit the previous person's position; a returning one gets theirs back.
    await user.click(screen.getByRole('button', { name: 'Working as Amira Haddad. Switch user' }));
    const again = screen.getByRole('dialog', { name: 'Who is working' });
    const name = within(again).getByLabelText('Your name');
    const position = within(again).getByLabelText('Position (optional)');
    expect(position).toHaveValue('Facility Unit Leader');
    await user.clear(name);
    await user.type(name, 'Noor Ali');
    expect(position).toHaveValue('');
    await user.clear(name);
    await user.type(name, 'Sam Okafor');
    expect(position).toHaveValue('Electrician');
  });
});
