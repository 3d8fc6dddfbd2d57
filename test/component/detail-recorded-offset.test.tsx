// "Recorded" in the detail fields: like Occurred, Reported and Resolved, read with the recorder's own offset beside the reader's.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatZoned } from '../../renderer/features/format';
import { useUiStore } from '../../renderer/store/ui-store';
import { renderDesk } from './support/render-desk';

function fieldRow(article: HTMLElement, label: string): HTMLElement {
  const row = within(article).getByText(label, { selector: 'dt' }).closest('div');
  if (!row) throw new Error(`no row for ${label}`);
  return row;
}

describe('recorded time in the detail', () => {
  it('shows the recorder offset when it was recorded on a clock in another zone', async () => {
    const { seed, db } = await renderDesk();
    const incident = await seed({ title: 'Pump 3 leaking' });
    const ms = Date.parse(incident.createdAt);
    const readerOffset = -new Date(ms).getTimezoneOffset() || 0;
    // As if recorded on a laptop six hours east of this one (its "created" entry keeps that laptop's offset).
    const recorderOffset = readerOffset + 360;
    const created = (await db.timeline.where('incidentId').equals(incident.id).toArray()).find((event) => event.kind === 'created')!;
    await db.timeline.put({ ...created, at: { ...created.at, offsetMinutes: recorderOffset } });

    useUiStore.getState().openIncident(incident.id);
    const article = await screen.findByRole('article', { name: 'Pump 3 leaking' });
    const expected = `${formatZoned({ utc: incident.createdAt, offsetMinutes: recorderOffset })} by ${incident.createdBy.name}`;
    expect(expected).toContain('where recorded');
    expect(await within(fieldRow(article, 'Recorded')).findByText(expected)).toBeInTheDocument();
  });

  it('shows the reader time alone when it was recorded in the same zone', async () => {
    const { openSeeded } = await renderDesk();
    const incident = await openSeeded({ title: 'Lift 2 stuck' });
    const article = screen.getByRole('article', { name: 'Lift 2 stuck' });
    const row = fieldRow(article, 'Recorded');
    expect(row).toHaveTextContent(`${formatZoned({ utc: incident.createdAt, offsetMinutes: -new Date(Date.parse(incident.createdAt)).getTimezoneOffset() || 0 })} by ${incident.createdBy.name}`);
    expect(row).not.toHaveTextContent('where recorded');
  });
});
