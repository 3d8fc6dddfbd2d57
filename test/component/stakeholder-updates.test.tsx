// Stakeholder updates in the detail view: when the next one is due, overdue, "Log update", and the per-incident interval.
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderDesk } from './support/render-desk';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 8, 0, 0);
const BASE = T0 - MIN / 2;

beforeEach(() => {
  // Date and setTimeout are fake (the minute tick) but follow real time, so Testing Library's waits still run.
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  vi.setSystemTime(BASE);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock to a minute before `ms` and runs a minute, so the header's minute tick reads about `ms`. */
async function jumpTo(ms: number) {
  vi.setSystemTime(ms - MIN);
  await act(async () => {
    vi.advanceTimersByTime(MIN + 10);
    await Promise.resolve();
  });
}

const dueLine = () => screen.queryByRole('group', { name: 'Stakeholder update' });

describe('stakeholder updates', { timeout: 30_000 }, () => {
  it('shows when the next update is due on a major incident, then overdue; "Log update" opens the form and a logged update resets it', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Main campus power failure', impact: 1, urgency: 1, major: true });
    expect(dueLine()).toHaveTextContent(/Next stakeholder update due .* \(in 30 min, every 30 min\)/);

    await jumpTo(T0 + 40 * MIN);
    await waitFor(() => expect(dueLine()).toHaveTextContent(/Stakeholder update overdue by 10 min/));

    await desk.user.click(within(dueLine()!).getByRole('button', { name: 'Log update' }));
    const form = screen.getByRole('form', { name: 'Communication' });
    // The cursor starts at the form's first field (Direction), so Priority and Channel above "To" are not skipped.
    // Focus lands once the form has looked for a kept draft (an IndexedDB read), not necessarily on the click's tick.
    await waitFor(() => expect(within(form).getByLabelText('Direction')).toHaveFocus());
    await desk.user.tab();
    expect(within(form).getByLabelText('Priority')).toHaveFocus();
    const to = within(form).getByLabelText('To');
    await desk.user.type(to, 'Hospital executive on call');
    // Nobody said who is working on this desk, so "From" is left for the sender to fill.
    expect(within(form).getByLabelText('From')).toHaveValue('');
    await desk.user.type(within(form).getByLabelText('From'), 'Facility desk');
    await desk.user.type(within(form).getByLabelText('Message'), 'Generators carry the wards; mains expected 14:00.');
    await desk.user.click(within(form).getByRole('button', { name: 'Save communication' }));
    await waitFor(() => expect(dueLine()).toHaveTextContent(/Next stakeholder update due .* \(in 30 min, every 30 min\)/));
    // The form is gone; the cursor is back on the button that opens it.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Log communication' })).toHaveFocus());
  });

  it("names the due time on the app's 24-hour clock, with the date when it is another day", async () => {
    // 13:10 local: the locale's clock would say "01:40 PM".
    const afternoon = new Date(2026, 2, 2, 13, 10, 0).getTime();
    vi.setSystemTime(afternoon);
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Sterile services flood', impact: 1, urgency: 1, major: true });
    expect(dueLine()).toHaveTextContent(/^Next stakeholder update due 13:40 \(in 30 min, every 30 min\)/);

    await jumpTo(new Date(2026, 2, 3, 9, 0, 0).getTime());
    await waitFor(() => expect(dueLine()).toHaveTextContent(/\(due 2 Mar 2026 13:40, every 30 min\)/));
    expect(dueLine()).not.toHaveTextContent(/AM|PM/);
  });

  it('"Log update" makes the message outgoing even when the open form was set to incoming', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Water main burst', impact: 1, urgency: 2, major: true });
    await desk.user.click(screen.getByRole('button', { name: 'Log communication' }));
    const form = screen.getByRole('form', { name: 'Communication' });
    await desk.user.selectOptions(within(form).getByLabelText('Direction'), 'Incoming');
    await desk.user.click(within(dueLine()!).getByRole('button', { name: 'Log update' }));
    expect(within(form).getByLabelText('Direction')).toHaveDisplayValue('Outgoing');
    expect(within(form).getByLabelText('Direction')).toHaveFocus();
  });

  it('keeps an interval that is not among the choices (set on another device) when the field is edited and saved', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Lift 3 stuck', impact: 2, urgency: 2 });
    const edited = await desk.services.incidents.edit(incident.id, { updateEveryMinutes: 45 });
    if (!edited.ok) throw new Error(edited.error.message);
    const article = screen.getByRole('article', { name: 'Lift 3 stuck' });
    await waitFor(() => expect(within(article).getByText('Every 45 min')).toBeInTheDocument());
    await desk.user.click(within(article).getByRole('button', { name: 'Edit Stakeholder updates' }));
    expect(within(article).getByLabelText('Stakeholder updates')).toHaveDisplayValue('Every 45 min');
    await desk.user.click(within(article).getByRole('button', { name: 'Save Stakeholder updates' }));
    expect((await desk.db.incidents.get(incident.id))?.updateEveryMinutes).toBe(45);
  });

  it('lets one incident set its own interval, or none, which the header follows', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Ward 4B nurse call offline', impact: 2, urgency: 2 });
    // Not major and nothing set: no reminders, no line.
    expect(dueLine()).toBeNull();
    const article = screen.getByRole('article', { name: 'Ward 4B nurse call offline' });
    expect(within(article).getByText('None')).toBeInTheDocument();

    await desk.user.click(within(article).getByRole('button', { name: 'Edit Stakeholder updates' }));
    await desk.user.selectOptions(within(article).getByLabelText('Stakeholder updates'), 'Every 15 min');
    await desk.user.click(within(article).getByRole('button', { name: 'Save Stakeholder updates' }));
    await waitFor(() => expect(dueLine()).toHaveTextContent(/\(in 15 min, every 15 min\)/));
    // The change is one timeline entry like any field edit.
    expect(within(screen.getByRole('list', { name: 'Timeline' })).getByText('Stakeholder updates: default → every 15 min')).toBeInTheDocument();

    await desk.user.click(within(article).getByRole('button', { name: 'Edit Stakeholder updates' }));
    await desk.user.selectOptions(within(article).getByLabelText('Stakeholder updates'), 'None for this incident');
    await desk.user.click(within(article).getByRole('button', { name: 'Save Stakeholder updates' }));
    await waitFor(() => expect(dueLine()).toBeNull());
    expect(within(article).getByText('None (turned off for this incident)')).toBeInTheDocument();
  });
});
