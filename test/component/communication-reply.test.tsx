// Recording the reply to a logged communication (HICS 213 "reply"): the form, its refusals, the keyboard, and the reply under the message.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { toDateTimeLocalValue } from '../../renderer/features/format';
import { renderDesk } from './support/render-desk';

async function withMessage() {
  const desk = await renderDesk();
  const incident = await desk.openSeeded({ title: 'Water main burst' });
  await desk.services.incidents.logCommunication(incident.id, { direction: 'outgoing', from: 'Facility desk', to: 'Ward 3 charge nurse', channel: 'Radio', message: 'Water off at 14:00' });
  const timeline = await screen.findByRole('list', { name: 'Timeline' });
  const entry = (await within(timeline).findByText(/Water off at 14:00/)).closest('li')!;
  return { ...desk, incident, timeline, entry };
}

describe('communication reply', { timeout: 20_000 }, () => {
  it('records a reply with Ctrl+Enter; it shows under the message, the message is unchanged, focus returns to the button', async () => {
    const { user, db, entry } = await withMessage();
    const before = await db.timeline.toArray();
    await user.click(within(entry).getByRole('button', { name: /^Record reply to: .*Water off at 14:00/ }));
    const form = within(entry).getByRole('form', { name: 'Reply to the message' });
    expect(within(form).getByLabelText('Reply')).toHaveFocus();
    // Who replied starts as the one the message went to; when, as now.
    expect(within(form).getByLabelText('Replied by')).toHaveValue('Ward 3 charge nurse');
    expect((within(form).getByLabelText('Reply received') as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await user.type(within(form).getByLabelText('Reply'), 'Tanks filled, patients told');
    await user.type(within(form).getByLabelText('Action taken (optional)'), 'Bottled water sent');
    await user.keyboard('{Control>}{Enter}{/Control}');

    const replies = await within(entry).findByRole('list', { name: /^Replies to: / }, { timeout: 3_000 });
    const reply = within(replies).getByRole('listitem');
    expect(reply).toHaveTextContent('Reply');
    expect(reply).toHaveTextContent('from Ward 3 charge nurse');
    expect(reply).toHaveTextContent('Tanks filled, patients told');
    expect(reply).toHaveTextContent('Action taken: Bottled water sent');
    expect(within(entry).queryByRole('form', { name: 'Reply to the message' })).toBeNull();
    await waitFor(() => expect(within(entry).getByRole('button', { name: /^Record reply to:/ })).toHaveFocus(), { timeout: 3_000 });

    const after = await db.timeline.toArray();
    expect(after.filter((row) => before.some((old) => old.id === row.id))).toEqual(before);
    const op = (await db.outbox.toArray()).at(-1)!;
    expect(op).toMatchObject({ schemaVersion: 5, event: { kind: 'communication_reply', text: 'Tanks filled, patients told', from: 'Ward 3 charge nurse' } });
    // Not an entry of its own beside the message: it is listed once, under it.
    expect(screen.getAllByText('Tanks filled, patients told')).toHaveLength(1);
  });

  it('shows a second reply after the first', async () => {
    const { user, entry } = await withMessage();
    for (const text of ['First answer', 'Second answer']) {
      await user.click(await within(entry).findByRole('button', { name: /^Record reply to:/ }));
      const form = within(entry).getByRole('form', { name: 'Reply to the message' });
      await user.type(within(form).getByLabelText('Reply'), text);
      await user.click(within(form).getByRole('button', { name: 'Save reply' }));
      await waitFor(() => expect(within(entry).queryByRole('form', { name: 'Reply to the message' })).toBeNull());
    }
    const replies = within(entry).getByRole('list', { name: /^Replies to: / });
    await waitFor(() => expect(within(replies).getAllByRole('listitem').map((item) => item.querySelector('.timeline-body')?.textContent)).toEqual(['First answer', 'Second answer']));
  });

  it('says what to do for a missing reply, a missing name and a time in the future, and saves nothing', async () => {
    const { user, db, entry } = await withMessage();
    const before = await db.outbox.count();
    await user.click(within(entry).getByRole('button', { name: /^Record reply to:/ }));
    const form = within(entry).getByRole('form', { name: 'Reply to the message' });
    await user.click(within(form).getByRole('button', { name: 'Save reply' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Write the reply first.');
    expect(within(form).getByLabelText('Reply')).toHaveAccessibleDescription('Write the reply first.');

    await user.type(within(form).getByLabelText('Reply'), 'Noted');
    await user.clear(within(form).getByLabelText('Replied by'));
    await user.click(within(form).getByRole('button', { name: 'Save reply' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Say who replied.');

    await user.type(within(form).getByLabelText('Replied by'), 'Ward 3');
    await user.clear(within(form).getByLabelText('Reply received'));
    await user.type(within(form).getByLabelText('Reply received'), toDateTimeLocalValue(Date.now() + 3 * 60 * 60_000));
    await user.click(within(form).getByRole('button', { name: 'Save reply' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(/This is in the future .* Enter when the reply actually came/);
    expect(await db.outbox.count()).toBe(before);
  });

  it('Escape leaves the form without saving and puts the cursor back on its button', async () => {
    const { user, db, entry } = await withMessage();
    const before = await db.outbox.count();
    await user.click(within(entry).getByRole('button', { name: /^Record reply to:/ }));
    await user.type(within(entry).getByLabelText('Reply'), 'Half typed');
    await user.keyboard('{Escape}');
    expect(within(entry).queryByRole('form', { name: 'Reply to the message' })).toBeNull();
    expect(within(entry).getByRole('button', { name: /^Record reply to:/ })).toHaveFocus();
    expect(await db.outbox.count()).toBe(before);
  });

  it('filtered to replies, a reply stands alone and says which message it answers', async () => {
    const { user, timeline, entry } = await withMessage();
    await user.click(within(entry).getByRole('button', { name: /^Record reply to:/ }));
    await user.type(within(entry).getByLabelText('Reply'), 'Tanks filled');
    await user.click(within(entry).getByRole('button', { name: 'Save reply' }));
    await within(entry).findByRole('list', { name: /^Replies to: / });
    await user.selectOptions(screen.getByLabelText('Filter timeline'), 'communication_reply');
    const alone = await within(timeline).findByRole('listitem');
    expect(alone).toHaveTextContent(/Reply to: Communication of .* Water off at 14:00/);
    expect(alone).toHaveTextContent('Reply from Ward 3 charge nurse');
    expect(alone).toHaveTextContent('Tanks filled');
  });
});
