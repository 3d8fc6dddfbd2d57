// Work-entry drafts at their edges: "Log update" over a kept incoming draft, typing while a note saves, a draft that could
// not be stored, and picked files surviving a closed form.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setCurrentUser } from '../../renderer/db/current-user';
import { testFile } from './support/render-capture';
import { renderDesk } from './support/render-desk';

beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:thumb');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('work-entry drafts at their edges', { timeout: 30_000 }, () => {
  it('"Log update" over a kept incoming draft opens as Outgoing (an incoming message is no stakeholder update)', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Water main burst', impact: 1, urgency: 2, major: true });
    await desk.user.click(screen.getByRole('button', { name: 'Log communication' }));
    let form = screen.getByRole('form', { name: 'Communication' });
    await desk.user.selectOptions(within(form).getByLabelText('Direction'), 'Incoming');
    await desk.user.type(within(form).getByLabelText('Message'), 'Ward 3 called');
    await desk.user.keyboard('{Escape}');
    await waitFor(async () => expect((await desk.db.drafts.get(`communication:${incident.id}:Unknown user`))?.values.direction).toBe('incoming'));

    await desk.user.click(within(screen.getByRole('group', { name: 'Stakeholder update' })).getByRole('button', { name: 'Log update' }));
    form = screen.getByRole('form', { name: 'Communication' });
    await waitFor(() => expect(within(form).getByLabelText('Message')).toHaveValue('Ward 3 called'));
    expect(within(form).getByLabelText('Direction')).toHaveDisplayValue('Outgoing');
  });

  it('while a note saves its box is read-only, and the saved text never comes back as a draft', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Chiller 2 tripped' });
    const box = screen.getByLabelText('Work note');
    await desk.user.type(box, 'Reset done');
    await screen.findByText('Draft kept');
    // Another write (a sync page being applied) holds the store for a while: the note's transaction waits behind it.
    const end = Date.now() + 800;
    const blocker = desk.db.transaction('rw', desk.db.incidents, async () => {
      while (Date.now() < end) await desk.db.incidents.get('nothing');
    });
    await desk.user.type(box, '{Control>}{Enter}{/Control}');
    expect(box).toHaveAttribute('readonly');
    await desk.user.type(box, ' and checked');
    await blocker;
    await within(await screen.findByRole('list', { name: 'Timeline' })).findByText('Reset done');
    await sleep(600);
    expect(box).toHaveValue('');
    expect(box).not.toHaveAttribute('readonly');
    expect(await desk.db.drafts.get(`note:${incident.id}:Unknown user`)).toBeUndefined();
  });

  it('a saved note clears an earlier "Draft not kept" message', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Lift 3 stuck' });
    vi.spyOn(desk.db.drafts, 'put').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await desk.user.type(screen.getByLabelText('Work note'), 'Engineer called');
    expect(await screen.findByText(/^Draft not kept/)).toBeInTheDocument();
    await desk.user.click(screen.getByRole('button', { name: 'Add note' }));
    await within(await screen.findByRole('list', { name: 'Timeline' })).findByText('Engineer called');
    expect(screen.getByLabelText('Work note')).toHaveValue('');
    expect(screen.queryByText(/^Draft not kept/)).not.toBeInTheDocument();
  });

  it('files picked for a note stay with its draft when the incident is closed and opened again', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Water leak Ward 4' });
    await user.type(screen.getByLabelText('Work note'), 'Photo of the ceiling attached');
    await user.upload(screen.getByLabelText('Attach files'), await testFile('jpeg bytes', 'ceiling.jpg', 'image/jpeg'));
    await screen.findByRole('list', { name: 'Attached files' });
    await screen.findByText('Draft kept');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('article')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Water leak Ward 4' }));
    await waitFor(() => expect(screen.getByLabelText('Work note')).toHaveValue('Photo of the ceiling attached'));
    const form = screen.getByRole('form', { name: 'Add a work note' });
    expect(within(within(form).getByRole('list', { name: 'Attached files' })).getByText('ceiling.jpg')).toBeInTheDocument();
  });

  it('drafts are personal: after a switch of who is working, the next person neither sees nor saves the previous one’s text', async () => {
    const desk = await renderDesk();
    await setCurrentUser(desk.db, { name: 'Ana Field' });
    const incident = await desk.openSeeded({ title: 'Boiler pressure low' });
    const box = screen.getByLabelText('Work note');
    await desk.user.type(box, 'Half of what Ana saw');
    await screen.findByText('Draft kept');

    await setCurrentUser(desk.db, { name: 'Ben Night' });
    await waitFor(() => expect(box).toHaveValue(''));
    await desk.user.type(box, 'Ben checked the valve');
    await desk.user.click(screen.getByRole('button', { name: 'Add note' }));
    await within(await screen.findByRole('list', { name: 'Timeline' })).findByText('Ben checked the valve');
    const notes = (await desk.db.timeline.where('incidentId').equals(incident.id).toArray()).filter((e) => e.kind === 'note');
    expect(notes.map((note) => [note.author.name, (note as { text: string }).text])).toEqual([['Ben Night', 'Ben checked the valve']]);

    await setCurrentUser(desk.db, { name: 'Ana Field' });
    await waitFor(() => expect(box).toHaveValue('Half of what Ana saw'));
  });
});
