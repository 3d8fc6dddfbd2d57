// Reported at in the detail: corrected in place like the other times, checked, on the timeline, in the briefing and the CSV.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatLocal, formatZoned, toDateTimeLocalValue } from '../../renderer/features/format';
import { incidentsToCsv, isoWithOffset } from '../../renderer/features/export/incident-csv';
import { buildBriefingText } from '../../renderer/features/incidents/briefing-text';
import { zonedTimeText } from '../../renderer/features/incidents/briefing-words';
import { renderDesk } from './support/render-desk';

const MINUTE = 60_000;
const utcAt = (ms: number) => ({ utc: new Date(ms).toISOString(), offsetMinutes: 0 });

function fieldRow(article: HTMLElement, label: string): HTMLElement {
  const row = within(article).getByText(label, { selector: 'dt, dt *' }).closest('div');
  if (!row) throw new Error(`no row for ${label}`);
  return row;
}

describe('reported-at in the detail', { timeout: 20_000 }, () => {
  it('corrects the reported-at: one change, a timeline entry naming it, stored with this computer’s offset; shown in the briefing and the CSV', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Pump 3 leaking', occurredAt: utcAt(Date.now() - 2 * 60 * MINUTE) });
    const article = screen.getByRole('article', { name: 'Pump 3 leaking' });
    expect(fieldRow(article, 'Reported')).toHaveTextContent(formatZoned(incident.reportedAt));
    const outboxBefore = await db.outbox.count();

    await user.click(screen.getByRole('button', { name: 'Edit Reported' }));
    const field = screen.getByLabelText('Reported');
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription(/^This computer’s time \(UTC[+−]\d\d:\d\d\)$/);
    const typedMs = Math.floor((Date.now() - 60 * MINUTE) / MINUTE) * MINUTE;
    await user.clear(field);
    await user.type(field, toDateTimeLocalValue(typedMs));
    await user.click(screen.getByRole('button', { name: 'Save Reported' }));

    const reportedAt = { utc: new Date(typedMs).toISOString(), offsetMinutes: -new Date(typedMs).getTimezoneOffset() || 0 };
    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText(`Reported at: ${formatZoned(incident.reportedAt)} → ${formatZoned(reportedAt)}`)).toBeInTheDocument();
    const stored = await db.incidents.get(incident.id);
    expect(stored?.reportedAt).toEqual(reportedAt);
    expect(await db.outbox.count()).toBe(outboxBefore + 1);
    await waitFor(() => expect(fieldRow(article, 'Reported')).toHaveTextContent(formatZoned(reportedAt)));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit Reported' })).toHaveFocus());

    // What prints and exports it follows the correction.
    const briefingLine = buildBriefingText(stored!, [], { nowMs: Date.now(), majorUpdateDefault: null }).split('\n').find((line) => line.startsWith('Reported at:'));
    expect(briefingLine?.replace(/^Reported at:\s+/, '')).toBe(zonedTimeText(reportedAt));
    expect(incidentsToCsv([stored!], false)).toContain(isoWithOffset(reportedAt));
  });

  it('refuses a reported-at before the occurred-at, in the future or emptied, saying what to do, and changes nothing', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const occurredMs = Date.now() - 60 * MINUTE;
    const incident = await openSeeded({ title: 'Gate barrier stuck', occurredAt: utcAt(occurredMs) });
    const outboxBefore = await db.outbox.count();
    await user.click(screen.getByRole('button', { name: 'Edit Reported' }));
    const field = screen.getByLabelText('Reported');

    await user.clear(field);
    await user.type(field, toDateTimeLocalValue(occurredMs - 3 * 60 * MINUTE));
    await user.click(screen.getByRole('button', { name: 'Save Reported' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      `Reported at is before Occurred at (${formatLocal(new Date(occurredMs).toISOString())}). Enter a later time, or correct Occurred at first.`,
    );
    expect(field).toHaveAttribute('aria-invalid', 'true');

    await user.clear(field);
    await user.type(field, '2031-06-01T10:00');
    await user.click(screen.getByRole('button', { name: 'Save Reported' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^This is in the future \(.+\)\. Enter when it was actually reported/);

    await user.clear(field);
    await user.click(screen.getByRole('button', { name: 'Save Reported' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter the date and time it was reported.');

    expect((await db.incidents.get(incident.id))?.reportedAt).toEqual(incident.reportedAt);
    expect(await db.outbox.count()).toBe(outboxBefore);
  });

  it('refuses moving the occurred-at after the reported-at, naming the reported-at', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const reportedMs = Math.floor((Date.now() - 60 * MINUTE) / MINUTE) * MINUTE;
    const incident = await openSeeded({ title: 'Roof hatch open', occurredAt: utcAt(reportedMs - 30 * MINUTE), reportedAt: utcAt(reportedMs) });
    await user.click(screen.getByRole('button', { name: 'Edit Occurred' }));
    await user.clear(screen.getByLabelText('Occurred'));
    await user.type(screen.getByLabelText('Occurred'), toDateTimeLocalValue(reportedMs + 10 * MINUTE));
    await user.click(screen.getByRole('button', { name: 'Save Occurred' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      `Occurred at is after Reported at (${formatLocal(new Date(reportedMs).toISOString())}). Enter an earlier time, or correct Reported at first.`,
    );
    expect((await db.incidents.get(incident.id))?.occurredAt).toEqual(incident.occurredAt);
  });

  it('shows the reported-at read-only once the incident is closed', async () => {
    const { openSeeded, services } = await renderDesk();
    const incident = await openSeeded({ title: 'Old leak', occurredAt: utcAt(Date.now() - 60 * MINUTE) });
    await services.incidents.changeStatus(incident.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Valve replaced' });
    await services.incidents.changeStatus(incident.id, 'closed', {});
    const article = screen.getByRole('article', { name: 'Old leak' });
    await waitFor(() => expect(within(article).queryByRole('button', { name: 'Edit Title' })).toBeNull());
    expect(within(article).queryByRole('button', { name: 'Edit Reported' })).toBeNull();
    expect(fieldRow(article, 'Reported')).toHaveTextContent(formatZoned(incident.reportedAt));
  });
});
