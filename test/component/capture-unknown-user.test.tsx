// The capture form says when entries would be signed "Unknown user", and opens the top bar's dialog to set a name.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCurrentUser } from '../../renderer/db';
import { renderApp } from './support/render-app';

const LINE = 'Recording as Unknown user.';

describe('capture form while nobody has said who is working', () => {
  it('says so near Save, sets the name through the top bar dialog, and signs the next incident with it', async () => {
    const { user, db } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    const form = screen.getByRole('form', { name: 'New incident' });
    expect(await within(form).findByText(LINE)).toBeInTheDocument();
    await user.type(within(form).getByLabelText('Title'), 'Lift 3 stuck between floors');

    await user.click(within(form).getByRole('button', { name: 'Set your name' }));
    const dialog = screen.getByRole('dialog', { name: 'Who is working' });
    // The same dialog as the top bar's, which says it is open.
    expect(screen.getByRole('button', { name: 'Who is working? Set your name' })).toHaveAttribute('aria-expanded', 'true');
    await user.type(within(dialog).getByLabelText('Your name'), 'Amira Haddad');
    await user.click(within(dialog).getByRole('button', { name: 'Start working' }));

    await waitFor(() => expect(within(form).queryByText(LINE)).not.toBeInTheDocument());
    expect(screen.queryByRole('dialog', { name: 'Who is working' })).not.toBeInTheDocument();
    // Nothing typed was lost, and the keyboard is back at Save, where the person was going.
    expect(within(form).getByLabelText('Title')).toHaveValue('Lift 3 stuck between floors');
    expect(within(form).getByRole('button', { name: 'Save incident' })).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Working as Amira Haddad. Switch user' })).toBeInTheDocument();

    await user.click(within(form).getByRole('button', { name: 'Save incident' }));
    await screen.findByRole('article', { name: 'Lift 3 stuck between floors' });
    const [incident] = await db.incidents.toArray();
    expect(incident?.createdBy).toEqual({ name: 'Amira Haddad' });
  });

  it('never stands in the way of saving: Save works at once, signed Unknown user', async () => {
    const { user, db } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    const form = screen.getByRole('form', { name: 'New incident' });
    await within(form).findByText(LINE);
    await user.type(within(form).getByLabelText('Title'), 'Water on floor 2');
    await user.click(within(form).getByRole('button', { name: 'Save incident' }));
    await screen.findByRole('article', { name: 'Water on floor 2' });
    expect(screen.queryByRole('dialog', { name: 'Who is working' })).not.toBeInTheDocument();
    expect((await db.incidents.toArray())[0]?.createdBy).toEqual({ name: 'Unknown user' });
  });

  it('puts the keyboard back on Set your name when the dialog is cancelled, and keeps the line', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    const form = screen.getByRole('form', { name: 'New incident' });
    const setName = await within(form).findByRole('button', { name: 'Set your name' });
    await user.click(setName);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Who is working' })).not.toBeInTheDocument();
    // Escape closed the dialog only, not the capture form behind it.
    expect(screen.getByRole('form', { name: 'New incident' })).toBeInTheDocument();
    expect(setName).toHaveFocus();
    expect(within(form).getByText(LINE)).toBeInTheDocument();
  });

  it('says nothing when someone has already given a name', async () => {
    const { user, db } = await renderApp();
    expect((await setCurrentUser(db, { name: 'Dana Reyes' })).ok).toBe(true);
    await screen.findByRole('button', { name: 'Working as Dana Reyes. Switch user' });
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    const form = screen.getByRole('form', { name: 'New incident' });
    await within(form).findByLabelText('Title');
    expect(within(form).queryByText(LINE)).not.toBeInTheDocument();
    expect(within(form).queryByRole('button', { name: 'Set your name' })).not.toBeInTheDocument();
  });
});
