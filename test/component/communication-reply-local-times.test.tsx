// The reply form's "Reply received" across clocks: a draft typed in Berlin keeps its moment in New York; a skipped time is refused.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCurrentUser } from '../../renderer/db/current-user';
import { renderDesk } from './support/render-desk';
import { moveClockTo, nowIs, onClock, realTimeAfterEach } from './support/on-clock';

onClock('Europe/Berlin');
realTimeAfterEach();

async function withMessage() {
  const desk = await renderDesk();
  await setCurrentUser(desk.db, { name: 'Dana Ortiz', position: 'Facility Unit Leader' });
  const incident = await desk.seed({ title: 'Water main burst', occurredAt: { utc: '2026-03-01T08:00:00.000Z', offsetMinutes: 60 } });
  await desk.services.incidents.logCommunication(incident.id, { direction: 'outgoing', from: 'Facility desk', to: 'Ward 3', channel: 'Radio', message: 'Water off at 14:00' });
  await desk.user.click(await screen.findByRole('button', { name: 'Water main burst' }));
  const article = await screen.findByRole('article', { name: 'Water main burst' });
  const openReply = async () => {
    const entry = (await within(within(article).getByRole('list', { name: 'Timeline' })).findByText(/Water off at 14:00/)).closest('li')!;
    await desk.user.click(within(entry).getByRole('button', { name: /^Record reply to:/ }));
    return within(entry).getByRole('form', { name: 'Reply to the message' });
  };
  return { ...desk, incident, openReply };
}

describe('reply received on a clock that changes', { timeout: 40_000 }, () => {
  it('keeps the moment of a draft typed in Berlin when it is saved in New York, and says so at the field', async () => {
    nowIs('2026-11-26T09:00:00Z');
    const { user, db, openReply } = await withMessage();
    let form = await openReply();
    await user.type(within(form).getByLabelText('Reply'), 'Tanks filled');
    await user.clear(within(form).getByLabelText('Reply received'));
    await user.type(within(form).getByLabelText('Reply received'), '2026-11-26T09:45');
    expect(await within(form).findByRole('status')).toHaveTextContent('Draft kept');
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.values).toMatchObject({ repliedAt: '2026-11-26T09:45' }));
    await user.keyboard('{Escape}');

    moveClockTo('America/New_York');
    nowIs('2026-11-26T15:00:00Z');
    form = await openReply();
    const received = within(form).getByLabelText('Reply received');
    await waitFor(() => expect(received).toHaveValue('2026-11-26T03:45'));
    expect(received).toHaveAccessibleDescription(/Typed at UTC\+01:00 \(09:45 there\); shown in this computer’s time$/);
    await user.click(within(form).getByRole('button', { name: 'Save reply' }));
    await waitFor(async () => expect((await db.timeline.toArray()).find((event) => event.kind === 'communication_reply')).toMatchObject({ repliedAt: { utc: '2026-11-26T08:45:00.000Z', offsetMinutes: 60 } }));
  });

  it('refuses a time the clocks skipped, saying what to enter, and saves nothing', async () => {
    nowIs('2026-03-29T10:00:00Z');
    const { user, db, openReply } = await withMessage();
    const form = await openReply();
    await user.type(within(form).getByLabelText('Reply'), 'Tanks filled');
    await user.clear(within(form).getByLabelText('Reply received'));
    await user.type(within(form).getByLabelText('Reply received'), '2026-03-29T02:30');
    await user.click(within(form).getByRole('button', { name: 'Save reply' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('02:30 does not exist on 29 Mar 2026 here: the clocks went forward from 02:00 to 03:00.');
    expect((await db.timeline.toArray()).filter((event) => event.kind === 'communication_reply')).toEqual([]);
  });
});
