// Editing an incident's time in place across the clocks' changes (Europe/Berlin): the repeated hour keeps its pass, the skipped hour is refused, the hint names the date's offset.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';
import { nowIs, onClock, realTimeAfterEach } from './support/on-clock';

onClock('Europe/Berlin');
realTimeAfterEach();

function fieldRow(article: HTMLElement, label: string): HTMLElement {
  const row = within(article).getByText(label, { selector: 'dt, dt *' }).closest('div');
  if (!row) throw new Error(`no row for ${label}`);
  return row;
}

describe('time fields on a clock that changes', { timeout: 30_000 }, () => {
  it('edits a time in the second pass of the repeated hour within that pass, and shows the offset of both', async () => {
    nowIs('2026-10-25T02:30:00Z');
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Edit in repeated hour', occurredAt: { utc: '2026-10-24T20:00:00.000Z', offsetMinutes: 120 }, reportedAt: { utc: '2026-10-25T01:40:00.000Z', offsetMinutes: 60 } });
    const article = screen.getByRole('article', { name: 'Edit in repeated hour' });
    expect(fieldRow(article, 'Reported')).toHaveTextContent('25 Oct 2026 02:40 UTC+01:00');

    await user.click(screen.getByRole('button', { name: 'Edit Reported' }));
    const field = screen.getByLabelText('Reported');
    expect(field).toHaveValue('2026-10-25T02:40');
    expect(screen.getByRole('radio', { name: 'second (UTC+01:00)' })).toBeChecked();
    expect(field).toHaveAccessibleDescription('This computer’s time (UTC+01:00)');
    await user.clear(field);
    await user.type(field, '2026-10-25T02:45');
    expect(screen.getByRole('radio', { name: 'second (UTC+01:00)' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Save Reported' }));
    await waitFor(async () => expect((await db.incidents.get(incident.id))?.reportedAt).toEqual({ utc: '2026-10-25T01:45:00.000Z', offsetMinutes: 60 }));
    await waitFor(() => expect(fieldRow(article, 'Reported')).toHaveTextContent('25 Oct 2026 02:45 UTC+01:00'));
  });

  it('takes the first pass when the person chooses it', async () => {
    nowIs('2026-10-25T02:30:00Z');
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Choose the pass', occurredAt: { utc: '2026-10-24T20:00:00.000Z', offsetMinutes: 120 }, reportedAt: { utc: '2026-10-25T01:40:00.000Z', offsetMinutes: 60 } });
    await user.click(screen.getByRole('button', { name: 'Edit Reported' }));
    await user.click(screen.getByRole('radio', { name: 'first (UTC+02:00)' }));
    expect(screen.getByLabelText('Reported')).toHaveAccessibleDescription('This computer’s time (UTC+02:00)');
    await user.click(screen.getByRole('button', { name: 'Save Reported' }));
    await waitFor(async () => expect((await db.incidents.get(incident.id))?.reportedAt).toEqual({ utc: '2026-10-25T00:40:00.000Z', offsetMinutes: 120 }));
  });

  it('refuses a skipped time, says what to enter, and changes nothing; the hint names the entered date’s offset', async () => {
    nowIs('2026-10-25T02:30:00Z');
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Skipped edit', occurredAt: { utc: '2026-03-01T08:00:00.000Z', offsetMinutes: 60 } });
    await user.click(screen.getByRole('button', { name: 'Edit Reported' }));
    const field = screen.getByLabelText('Reported');
    await user.clear(field);
    await user.type(field, '2026-07-01T10:00');
    expect(field).toHaveAccessibleDescription('This computer’s time (UTC+02:00)');
    await user.clear(field);
    await user.type(field, '2026-03-29T02:30');
    await user.click(screen.getByRole('button', { name: 'Save Reported' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('02:30 does not exist on 29 Mar 2026 here: the clocks went forward from 02:00 to 03:00. Enter 03:00 or later, or 01:59 or earlier.');
    expect((await db.incidents.get(incident.id))?.reportedAt).toEqual(incident.reportedAt);
  });
});
