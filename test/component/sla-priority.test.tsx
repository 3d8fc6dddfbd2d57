// SLA on screen across priority changes and once clocks stop: a downgrade keeps a breach, stopped clocks are calm, cancelled ones not judged.
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderDesk } from './support/render-desk';
import { at, BASE, MIN, T0, useSlaTime } from './support/sla-time';


useSlaTime();

/** Moves the clock to a minute before `ms` and runs a minute: the tick (at each whole minute) last reads about `ms`. */
async function jumpTo(ms: number) {
  vi.setSystemTime(ms - MIN);
  await act(async () => {
    vi.advanceTimersByTime(MIN + 10);
    await Promise.resolve();
  });
}

function slaCellOf(title: string): HTMLElement {
  const table = screen.getByRole('table', { name: 'Incidents' });
  const row = within(table).getAllByRole('row').find((r) => within(r).queryByRole('button', { name: title }));
  if (!row) throw new Error(`no row for ${title}`);
  return within(row).getAllByRole('cell').at(-1)!;
}

const clockLine = (name: string) => within(screen.getByRole('group', { name: 'SLA clocks' })).getByText(`${name}:`).closest('p')!;

describe('SLA clocks after the priority changes', { timeout: 30_000 }, () => {
  it('a late upgrade breaches as P1, a downgrade afterwards keeps the breach, and the timeline says the priority moved', async () => {
    const desk = await renderDesk();
    const repo = desk.services.incidents;
    const incident = await at(BASE, () => repo.record({ title: 'PACS unreachable', impact: 3, urgency: 3 }));
    await at(BASE + 44 * MIN, () => repo.edit(incident.id, { impact: 1, urgency: 1 }));
    await jumpTo(T0 + 45 * MIN);
    await desk.user.click(await screen.findByRole('button', { name: 'PACS unreachable' }));
    await waitFor(() => expect(clockLine('Time to own')).toHaveTextContent(/✖ 45m of 15m \(\d+ %\) · Overdue 30m \(breached at 08:43 as P1\)/));

    await at(BASE + 59 * MIN, () => repo.edit(incident.id, { impact: 3, urgency: 3 }));
    await jumpTo(T0 + 60 * MIN);
    // Back at P4 (2 h to own), the breach made as P1 stays: not "1h 1m left".
    await waitFor(() => expect(clockLine('Time to own')).toHaveTextContent(/✖ 1h of 15m \(\d+ %\) · Overdue 45m \(breached at 08:43 as P1\)/));
    expect(clockLine('Time to own')).toHaveClass('sla-breached');
    expect(slaCellOf('PACS unreachable')).toHaveTextContent(/^✖ Own: 45m late, breached$/);
    expect(slaCellOf('PACS unreachable').title).toContain('breached at 08:43 as P1');

    const timeline = screen.getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText(/Impact: 3 — Low → 1 — High · Urgency: 3 — Low → 1 — High · Priority: P4 — Low → P1 — Critical/)).toBeInTheDocument();
    expect(await within(timeline).findByText(/Priority: P1 — Critical → P4 — Low/)).toBeInTheDocument();
  });
});

describe('stopped clocks', { timeout: 30_000 }, () => {
  it('a clock stopped in time shows no warning mark, colour or words', async () => {
    const desk = await renderDesk();
    const repo = desk.services.incidents;
    // P1: 15 minutes to own; owned after 10 (past the 50 % warning). Owned 20 s past the tenth minute: the fake clock
    // follows real time during each write, and a slow first write on a loaded machine must not make it read "9m".
    const incident = await at(BASE, () => repo.record({ title: 'Chiller trip', impact: 1, urgency: 1 }));
    await at(BASE + 10 * MIN + 20_000, () => repo.changeStatus(incident.id, 'assigned', { team: 'Facilities' }));
    await jumpTo(T0 + 12 * MIN);
    await desk.user.click(await screen.findByRole('button', { name: 'Chiller trip' }));
    await waitFor(() => expect(clockLine('Time to own')).toHaveTextContent(/^Time to own: Owned in 10m of 15m$/));
    expect(clockLine('Time to own')).not.toHaveClass('sla-warn50');
    expect(screen.getByRole('group', { name: 'SLA clocks' })).not.toHaveTextContent('warning');
  });

  it('a cancelled incident is not judged, in the header and in the list', async () => {
    const desk = await renderDesk();
    const repo = desk.services.incidents;
    const incident = await at(BASE, () => repo.record({ title: 'Logged twice', impact: 1, urgency: 1 }));
    await at(BASE + 12 * MIN, () => repo.changeStatus(incident.id, 'cancelled', { cancelReason: 'Logged in error' }));
    await jumpTo(T0 + 20 * MIN);
    await waitFor(() => expect(slaCellOf('Logged twice')).toHaveTextContent(/^n\/a — cancelled$/));
    await desk.user.click(screen.getByRole('button', { name: 'Logged twice' }));
    await waitFor(() => expect(clockLine('Time to own')).toHaveTextContent(/^Time to own: n\/a — cancelled \(not judged\)$/));
    expect(clockLine('Time to resolve')).toHaveTextContent(/^Time to resolve: n\/a — cancelled \(not judged\)$/);
    expect(screen.getByRole('group', { name: 'SLA clocks' })).not.toHaveTextContent(/Met|warning/);
  });
});
