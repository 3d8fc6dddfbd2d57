// Statistics as a person uses them: open with S, read the week's figures, change the period, see new work counted.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createIncidentRepository } from '../../renderer/db';
import { renderDesk } from './support/render-desk';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The value of a headline figure (the <dd> after its <dt>), e.g. "2" or "50 %1 of 2 in time". */
function tile(name: string): string {
  const term = within(screen.getByRole('region', { name: 'Statistics' })).getByText(name, { selector: 'dt' });
  return term.nextElementSibling?.textContent ?? '';
}

/** The report's status line (the period, "figures as of", notes), among the live regions of the view. */
function statusLine(report: HTMLElement): HTMLElement {
  const line = within(report)
    .getAllByRole('status')
    .find((region) => region.textContent?.includes(' – '));
  if (!line) throw new Error('no status line with a period in the report');
  return line;
}

describe('statistics', { timeout: 20_000 }, () => {
  it('counts the period, judges SLA targets, leaves exercises out, follows the period and new incidents', async () => {
    const desk = await renderDesk();
    let now = Date.now() - 2 * DAY;
    const past = createIncidentRepository(desk.db, { nowMs: () => now, offsetMinutes: () => 0 });
    const at = async <T,>(ms: number, work: () => Promise<T>) => {
      now = ms;
      return work();
    };
    const t = Date.now();
    // Two days ago: owned after 10 hours and resolved a day later — both targets missed under any seeded policy.
    const late = await at(t - 2 * DAY, () => past.record({ title: 'Chiller 2 tripped', impact: 1, urgency: 2 }));
    if (!late.ok) throw new Error(late.error.message);
    await at(t - 2 * DAY + 10 * HOUR, () => past.changeStatus(late.value.id, 'assigned', { team: 'Electrical' }));
    await at(t - DAY, () => past.changeStatus(late.value.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Reset the breaker.' }));
    // An hour ago: owned within a minute, resolved five minutes later.
    const quick = await at(t - HOUR, () => past.record({ title: 'Door alarm', impact: 3, urgency: 3 }));
    if (!quick.ok) throw new Error(quick.error.message);
    await at(t - HOUR + MIN, () => past.changeStatus(quick.value.id, 'assigned', { team: 'Electrical' }));
    await at(t - HOUR + 5 * MIN, () => past.changeStatus(quick.value.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Door closed.' }));
    // Twenty days ago: only in the 30-day view. And a drill, left out of everything.
    await at(t - 20 * DAY, () => past.record({ title: 'Lift stuck', impact: 2, urgency: 2 }));
    await desk.seed({ title: 'Drill: water leak', exercise: true });

    await desk.user.keyboard('s');
    const report = await screen.findByRole('region', { name: 'Statistics' });
    expect(within(report).getByRole('heading', { name: 'Statistics' })).toHaveFocus();
    await waitFor(() => expect(tile('Recorded')).toBe('2'));
    expect(tile('Resolved')).toBe('2');
    expect(tile('Still open')).toBe('0of those recorded');
    expect(tile('Owned in time')).toBe('50 %1 of 2 in time');
    expect(tile('Resolved in time')).toBe('50 %1 of 2 in time');
    expect(tile('Open now')).toBe('1of any age');
    expect(tile('Unowned now')).toBe('1not yet taken');
    const byPriority = within(report).getByRole('table', { name: 'By priority' });
    expect(within(byPriority).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['P2 High', 'P4 Low']);
    expect(statusLine(report)).toHaveTextContent(/ – .* · figures as of \d\d:\d\d · 1 exercise incident left out$/);

    await desk.user.selectOptions(within(report).getByLabelText('Period'), 'Last 30 days');
    await waitFor(() => expect(tile('Recorded')).toBe('3'));
    expect(tile('Still open')).toBe('1of those recorded');

    // Narrowed to a team: the figures of its incidents only, said beside the period; no new read.
    await desk.user.selectOptions(within(report).getByLabelText('Team'), 'Electrical');
    expect(tile('Recorded')).toBe('2');
    expect(tile('Still open')).toBe('0of those recorded');
    expect(statusLine(report)).toHaveTextContent(' · team Electrical · ');
    await desk.user.selectOptions(within(report).getByLabelText('Team'), 'All teams');
    expect(tile('Recorded')).toBe('3');

    // New work shows up without Refresh (a quick read follows the data by itself).
    await desk.seed({ title: 'Generator fuel low', impact: 1, urgency: 1 });
    await waitFor(() => expect(tile('Recorded')).toBe('4'), { timeout: 6000 });
    expect(within(within(report).getByRole('table', { name: 'By priority' })).getAllByRole('rowheader')[0]).toHaveTextContent('P1 Critical');

    await desk.user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Statistics' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Statistics' })).toHaveFocus();
  });

  it('goes back to the incident it was opened over, and S and N wait while a status panel is being filled in', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Lift 2 stuck' });
    await desk.user.click(screen.getByRole('button', { name: 'Statistics' }));
    await screen.findByRole('region', { name: 'Statistics' });
    await desk.user.click(screen.getByRole('button', { name: 'Close statistics' }));
    expect(await screen.findByRole('article', { name: 'Lift 2 stuck' })).toBeInTheDocument();

    await desk.user.click(screen.getByRole('button', { name: 'Change status' }));
    const dialog = screen.getByRole('dialog', { name: 'Change status' });
    await desk.user.selectOptions(within(dialog).getByLabelText('New status'), 'resolved');
    await desk.user.type(within(dialog).getByLabelText('Resolution notes'), 'Reset the controller.');
    within(dialog).getAllByRole('button')[0]!.focus();
    await desk.user.keyboard('s');
    expect(screen.queryByRole('region', { name: 'Statistics' })).toBeNull();
    // Focus left the panel (a click on the page); the open panel still holds typed text, so S and N wait.
    (document.activeElement as HTMLElement).blur();
    await desk.user.keyboard('s');
    await desk.user.keyboard('n');
    expect(screen.queryByRole('region', { name: 'Statistics' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull();
    expect(within(dialog).getByLabelText('Resolution notes')).toHaveValue('Reset the controller.');
  });

  it('says when a period holds nothing, and what to do', async () => {
    const desk = await renderDesk();
    await desk.user.click(screen.getByRole('button', { name: 'Statistics' }));
    const report = await screen.findByRole('region', { name: 'Statistics' });
    // The view keeps the period chosen last in the session; choose the week explicitly.
    await desk.user.selectOptions(within(report).getByLabelText('Period'), 'Last 7 days');
    expect(await within(report).findByText('No incidents were recorded or resolved in the last 7 days.')).toBeInTheDocument();
    expect(tile('Open now')).toBe('0of any age');
    expect(within(report).getByText('Choose a longer period to see more.')).toBeInTheDocument();
    expect(within(report).queryByRole('table', { name: 'By priority' })).toBeNull();

    // The longest period has no longer one to suggest.
    await desk.user.selectOptions(within(report).getByLabelText('Period'), 'Last 13 weeks');
    expect(await within(report).findByText('No incidents were recorded or resolved in the last 13 weeks.')).toBeInTheDocument();
    expect(within(report).queryByText('Choose a longer period to see more.')).toBeNull();
  });

  it('copies the figures as plain text, and shows them selected when the clipboard refuses', async () => {
    const desk = await renderDesk();
    await desk.seed({ title: 'Chiller 2 tripped', impact: 1, urgency: 1 });
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    await desk.user.click(screen.getByRole('button', { name: 'Statistics' }));
    const report = await screen.findByRole('region', { name: 'Statistics' });
    await desk.user.selectOptions(within(report).getByLabelText('Period'), 'Last 7 days');
    await waitFor(() => expect(tile('Recorded')).toBe('1'));

    await desk.user.click(within(report).getByRole('button', { name: 'Copy summary' }));
    await waitFor(() => expect(within(report).getByText('Copied the summary.')).toBeInTheDocument());
    const copied = String((writeText.mock.calls[0] as unknown[] | undefined)?.[0]);
    expect(copied).toMatch(/^Lantern statistics: last 7 days \(.*\), as of /);
    expect(copied).toContain('\nNow: 1 open, 0 overdue, 1 unowned\n');
    expect(copied).toContain('\nP1 Critical: 1 recorded, 0 resolved, 1 still open, resolved in time —');

    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
    await desk.user.click(within(report).getByRole('button', { name: 'Copy summary' }));
    const box = await within(report).findByRole('textbox', { name: 'Summary text' });
    expect(box).toHaveFocus();
    expect((box as HTMLTextAreaElement).value).toContain('Now: 1 open');
    await desk.user.keyboard('{Escape}');
    expect(within(report).queryByRole('textbox', { name: 'Summary text' })).toBeNull();
    expect(within(report).getByRole('button', { name: 'Copy summary' })).toHaveFocus();
  });
});
