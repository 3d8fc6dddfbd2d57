// The reply form keeps a per-communication, per-person draft: back after Escape or another incident, gone with Discard or the save.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCurrentUser } from '../../renderer/db/current-user';
import { toDateTimeLocalValue } from '../../renderer/features/format';
import { renderDesk } from './support/render-desk';

async function withMessages() {
  const desk = await renderDesk();
  await setCurrentUser(desk.db, { name: 'Dana Ortiz', position: 'Facility Unit Leader' });
  const incident = await desk.seed({ title: 'Water main burst' });
  await desk.seed({ title: 'Lift 3 stuck' });
  const log = (to: string, message: string) => desk.services.incidents.logCommunication(incident.id, { direction: 'outgoing', from: 'Facility desk', to, channel: 'Radio', message });
  await log('Ward 3 charge nurse', 'Water off at 14:00');
  await log('Kitchen', 'No hot water until 16:00');
  const open = async (title: string) => {
    await desk.user.click(await screen.findByRole('button', { name: title }));
    return screen.findByRole('article', { name: title });
  };
  const entryOf = async (message: RegExp) => (await within(await screen.findByRole('list', { name: 'Timeline' })).findByText(message)).closest('li')!;
  const openReply = async (message: RegExp) => {
    const entry = await entryOf(message);
    await desk.user.click(within(entry).getByRole('button', { name: /^Record reply to:/ }));
    return within(entry).getByRole('form', { name: 'Reply to the message' });
  };
  const events = await desk.db.timeline.where('incidentId').equals(incident.id).toArray();
  const idOf = (message: string) => events.find((event) => event.kind === 'communication' && event.message === message)!.id;
  return { ...desk, incident, open, entryOf, openReply, idOf };
}

describe('communication reply draft', { timeout: 40_000 }, () => {
  it('is kept on Escape and across incidents, one per message, restored with its time, and deleted by the save', async () => {
    const { user, db, incident, open, openReply, entryOf, idOf } = await withMessages();
    await open('Water main burst');
    const received = toDateTimeLocalValue(Date.now() - 20 * 60_000);

    let form = await openReply(/Water off at 14:00/);
    await user.type(within(form).getByLabelText('Reply'), 'Tanks filled');
    await user.clear(within(form).getByLabelText('Replied by'));
    await user.type(within(form).getByLabelText('Replied by'), 'Sister Alvarez');
    await user.clear(within(form).getByLabelText('Reply received'));
    await user.type(within(form).getByLabelText('Reply received'), received);
    await user.type(within(form).getByLabelText('Action taken (optional)'), 'Bottled water sent');
    expect(await within(form).findByRole('status')).toHaveTextContent('Draft kept');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Reply to the message' })).toBeNull();
    const draftId = `communication_reply:${incident.id}:${idOf('Water off at 14:00')}:Dana Ortiz`;
    await waitFor(async () => expect((await db.drafts.get(draftId))?.values).toMatchObject({ text: 'Tanks filled', from: 'Sister Alvarez', actionTaken: 'Bottled water sent' }));

    // The other message's reply starts blank, with its own recipient.
    form = await openReply(/No hot water until 16:00/);
    expect(within(form).getByLabelText('Reply')).toHaveValue('');
    expect(within(form).getByLabelText('Replied by')).toHaveValue('Kitchen');
    expect(within(form).queryByRole('status')).toBeNull();
    await user.keyboard('{Escape}');

    // Another incident, then back: the draft comes back with everything typed.
    await user.click(screen.getByRole('button', { name: 'Back to list' }));
    await open('Lift 3 stuck');
    await user.click(screen.getByRole('button', { name: 'Back to list' }));
    await open('Water main burst');
    form = await openReply(/Water off at 14:00/);
    await waitFor(() => expect(within(form).getByLabelText('Reply')).toHaveValue('Tanks filled'));
    expect(within(form).getByRole('status')).toHaveTextContent('Draft restored');
    expect(within(form).getByLabelText('Replied by')).toHaveValue('Sister Alvarez');
    expect(within(form).getByLabelText('Reply received')).toHaveValue(received);
    expect(within(form).getByLabelText('Action taken (optional)')).toHaveValue('Bottled water sent');

    await user.click(within(form).getByRole('button', { name: 'Save reply' }));
    const entry = await entryOf(/Water off at 14:00/);
    const replies = await within(entry).findByRole('list', { name: /^Replies to: / });
    expect(within(replies).getByRole('listitem')).toHaveTextContent('from Sister Alvarez');
    expect(await db.drafts.get(draftId)).toBeUndefined();
    form = await openReply(/Water off at 14:00/);
    expect(within(form).getByLabelText('Reply')).toHaveValue('');
    expect(within(form).getByLabelText('Replied by')).toHaveValue('Ward 3 charge nurse');
    expect(within(form).queryByRole('status')).toBeNull();
  });

  it('Discard draft empties the form, deletes the draft and puts the cursor in the reply', async () => {
    const { user, db, incident, open, openReply, idOf } = await withMessages();
    await open('Water main burst');
    let form = await openReply(/Water off at 14:00/);
    await user.type(within(form).getByLabelText('Reply'), 'Half an answer');
    await user.click(within(form).getByRole('button', { name: 'Back' }));
    const draftId = `communication_reply:${incident.id}:${idOf('Water off at 14:00')}:Dana Ortiz`;
    await waitFor(async () => expect(await db.drafts.get(draftId)).toBeDefined());

    form = await openReply(/Water off at 14:00/);
    await waitFor(() => expect(within(form).getByLabelText('Reply')).toHaveValue('Half an answer'));
    await user.click(within(form).getByRole('button', { name: 'Discard draft' }));
    expect(within(form).getByLabelText('Reply')).toHaveValue('');
    expect(within(form).getByLabelText('Replied by')).toHaveValue('Ward 3 charge nurse');
    await waitFor(() => expect(within(form).getByLabelText('Reply')).toHaveFocus());
    await waitFor(async () => expect(await db.drafts.get(draftId)).toBeUndefined());
  });

  it('a refused save keeps the draft', async () => {
    const { user, db, incident, open, openReply, idOf } = await withMessages();
    await open('Water main burst');
    const form = await openReply(/Water off at 14:00/);
    await user.type(within(form).getByLabelText('Reply'), 'Noted');
    await user.clear(within(form).getByLabelText('Replied by'));
    await user.click(within(form).getByRole('button', { name: 'Save reply' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Say who replied.');
    const draftId = `communication_reply:${incident.id}:${idOf('Water off at 14:00')}:Dana Ortiz`;
    await waitFor(async () => expect((await db.drafts.get(draftId))?.values).toMatchObject({ text: 'Noted' }));
  });
});
