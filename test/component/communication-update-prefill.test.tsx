// "Log update" and "Copy update" → "Log it as sent": the communication form opens with the short update already written.
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEntryRecorder } from '../../renderer/db/entry-record';
import { renderDesk } from './support/render-desk';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);

beforeEach(() => {
  // Date and setTimeout are fake (the minute tick) but follow real time, so Testing Library waits still run.
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function jumpTo(ms: number) {
  vi.setSystemTime(ms - MIN);
  await act(async () => {
    vi.advanceTimersByTime(MIN + 10);
    await Promise.resolve();
  });
}

function mockClipboard() {
  const writeText = vi.fn((_text: string) => Promise.resolve());
  Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
  return writeText;
}

const dueLine = () => screen.getByRole('group', { name: 'Stakeholder update' });
const briefing = () => screen.getByRole('group', { name: 'Briefing' });
const announcer = () => screen.getAllByRole('status').find((el) => el.classList.contains('announcer'))!;

describe('logging the short stakeholder update', { timeout: 30_000 }, () => {
  it('"Log update" writes the short update into Message and takes To and Channel from the last update sent', async () => {
    const desk = await renderDesk();
    const incident = await desk.seed({ title: 'Main campus power failure', impact: 1, urgency: 1, major: true });
    const logged = await createEntryRecorder(desk.db).logCommunication(incident.id, {
      direction: 'outgoing', from: 'Facility desk', to: 'Exec on call, bed managers', channel: 'SMS', message: 'First update',
    });
    expect(logged.ok).toBe(true);
    await desk.user.click(await screen.findByRole('button', { name: incident.title }));
    await screen.findByRole('article', { name: incident.title });

    await desk.user.click(within(dueLine()).getByRole('button', { name: 'Log update' }));
    const form = screen.getByRole('form', { name: 'Communication' });
    const message = within(form).getByLabelText<HTMLTextAreaElement>('Message');
    await waitFor(() => expect(message.value).toMatch(new RegExp(`^${incident.number} P1 MAJOR New - Main campus power failure - .* - As of \\d\\d:\\d\\d UTC`)));
    expect(within(form).getByLabelText('Direction')).toHaveDisplayValue('Outgoing');
    expect(within(form).getByLabelText('To')).toHaveValue('Exec on call, bed managers');
    expect(within(form).getByLabelText('Channel')).toHaveDisplayValue('SMS');
    // Said on screen, so nobody sends to last time's list without looking.
    expect(within(form).getByText(/To and Channel are those of the last update sent/)).toBeInTheDocument();
    // Nobody said who is working: From stays for the sender to fill.
    expect(within(form).getByLabelText('From')).toHaveValue('');
  });

  it('after "Copy update", "Log it as sent" opens the form with the copied text; saving it moves the next update due', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Main campus power failure', impact: 1, urgency: 1, major: true });
    await jumpTo(T0 + 40 * MIN);
    await waitFor(() => expect(dueLine()).toHaveTextContent(/Stakeholder update overdue by 10 min/));
    const writeText = mockClipboard();
    expect(within(briefing()).queryByRole('button', { name: 'Log it as sent' })).toBeNull();

    await desk.user.click(within(briefing()).getByRole('button', { name: 'Copy update' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const copied = writeText.mock.calls[0]![0];
    const logIt = within(briefing()).getByRole('button', { name: 'Log it as sent' });
    logIt.focus();
    await desk.user.keyboard('{Enter}');

    const form = screen.getByRole('form', { name: 'Communication' });
    await waitFor(() => expect(within(form).getByLabelText('Message')).toHaveValue(copied));
    expect(within(form).getByLabelText('Direction')).toHaveDisplayValue('Outgoing');
    await waitFor(() => expect(within(form).getByLabelText('Direction')).toHaveFocus());
    await desk.user.type(within(form).getByLabelText('From'), 'Facility desk');
    await desk.user.type(within(form).getByLabelText('To'), 'Exec on call');
    await desk.user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(dueLine()).toHaveTextContent(/Next stakeholder update due .* \(in 30 min, every 30 min\)/));
    await waitFor(() => expect(announcer()).toHaveTextContent(/^Stakeholder update logged\. Next one due \d\d:\d\d\.$/));
    // Logged: the offer goes away.
    expect(within(briefing()).queryByRole('button', { name: 'Log it as sent' })).toBeNull();
  });

  it('keeps a half-written message rather than writing the update over it, and says so', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Water main burst', impact: 1, urgency: 2, major: true });
    await desk.user.click(screen.getByRole('button', { name: 'Log communication' }));
    const form = screen.getByRole('form', { name: 'Communication' });
    await desk.user.type(within(form).getByLabelText('Message'), 'Ward 3 asks for bottled water');
    await desk.user.click(within(dueLine()).getByRole('button', { name: 'Log update' }));
    expect(within(form).getByLabelText('Message')).toHaveValue('Ward 3 asks for bottled water');
    await waitFor(() => expect(announcer()).toHaveTextContent('The message you were writing is kept; the update text was not filled in.'));
  });
});
