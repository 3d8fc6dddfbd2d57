// Correcting a reply, under its message and standing alone: a new correction entry naming it, the reply struck through and marked.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

async function withReply() {
  const desk = await renderDesk();
  const incident = await desk.openSeeded({ title: 'Water main burst' });
  const sent = await desk.services.incidents.logCommunication(incident.id, { direction: 'outgoing', from: 'Facility desk', to: 'Ward 3 charge nurse', channel: 'Radio', message: 'Water off at 14:00' });
  if (!sent.ok) throw new Error(sent.error.message);
  const timeline = await screen.findByRole('list', { name: 'Timeline' });
  const entry = (await within(timeline).findByText(/Water off at 14:00/)).closest('li')!;
  await desk.user.click(within(entry).getByRole('button', { name: /^Record reply to:/ }));
  await desk.user.type(within(entry).getByLabelText('Reply'), 'Tanks filled at 13:40');
  await desk.user.click(within(entry).getByRole('button', { name: 'Save reply' }));
  const replies = await within(entry).findByRole('list', { name: /^Replies to: / });
  const reply = (await desk.db.timeline.toArray()).find((event) => event.kind === 'communication_reply')!;
  return { ...desk, incident, timeline, entry, replies, reply };
}

describe('correcting a reply', { timeout: 30_000 }, () => {
  it('under its message: Correct writes a correction naming the reply (no new operation version), marks it, and returns the cursor', async () => {
    const { user, db, timeline, entry, replies, reply } = await withReply();
    const item = within(replies).getByRole('listitem');
    await user.click(within(item).getByRole('button', { name: /^Correct entry: Reply from Ward 3 charge nurse/ }));
    const correction = within(item).getByLabelText('Correction');
    expect(correction).toHaveFocus();
    await user.type(correction, 'Tanks filled at 14:10, not 13:40');
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(within(item).getByText('Corrected')).toBeInTheDocument());
    expect(within(item).queryByLabelText('Correction')).toBeNull();
    await waitFor(() => expect(within(item).getByRole('button', { name: /^Correct entry: Reply from Ward 3 charge nurse/ })).toHaveFocus());
    // The message itself is not marked: only its reply was corrected.
    expect(entry.querySelector(':scope > .timeline-meta')).not.toHaveTextContent('Corrected');
    const corrections = await within(timeline).findAllByText(/Tanks filled at 14:10, not 13:40/);
    expect(corrections[0]!.closest('li')).toHaveTextContent(/Corrects: Reply of .* Reply from Ward 3 charge nurse/);

    const op = (await db.outbox.toArray()).at(-1)!;
    expect(op).toMatchObject({ event: { kind: 'correction', corrects: reply.id, text: 'Tanks filled at 14:10, not 13:40' } });
    // A correction is a kind every HQ knows: only a clock mark (version 4) may raise it, never the reply's version 5.
    expect(op.schemaVersion).toBeLessThan(5);
  });

  it('standing alone when filtered to replies: Correct is offered there too, and Escape drops it', async () => {
    const { user, db, timeline } = await withReply();
    await user.selectOptions(screen.getByLabelText('Filter timeline'), 'communication_reply');
    const alone = await within(timeline).findByRole('listitem');
    const before = await db.outbox.count();
    await user.click(within(alone).getByRole('button', { name: /^Correct entry: Reply from Ward 3 charge nurse/ }));
    await user.type(within(alone).getByLabelText('Correction'), 'Not sent');
    await user.keyboard('{Escape}');
    expect(within(alone).queryByLabelText('Correction')).toBeNull();
    expect(within(alone).getByRole('button', { name: /^Correct entry:/ })).toHaveFocus();
    expect(await db.outbox.count()).toBe(before);

    await user.click(within(alone).getByRole('button', { name: /^Correct entry:/ }));
    await user.type(within(alone).getByLabelText('Correction'), 'From the ward clerk, not the nurse');
    await user.click(within(alone).getByRole('button', { name: 'Save correction' }));
    await waitFor(() => expect(within(alone).getByText('Corrected')).toBeInTheDocument());
    expect(alone).toHaveClass('corrected');
  });

  it('a reply being corrected stays under its message when the filter changes, with what was typed', async () => {
    const { user, entry, replies } = await withReply();
    const item = within(replies).getByRole('listitem');
    await user.click(within(item).getByRole('button', { name: /^Correct entry:/ }));
    await user.type(within(item).getByLabelText('Correction'), 'Half typed');
    await user.selectOptions(screen.getByLabelText('Filter timeline'), 'note');
    expect(entry).toBeInTheDocument();
    expect(within(entry).getByLabelText('Correction')).toHaveValue('Half typed');
  });
});
