// Inline editing in the detail view: each save is one edit with one timeline entry; times keep their zone; the major flag stands out.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatLocal, formatZoned, toDateTimeLocalValue } from '../../renderer/features/format';
import { renderDesk } from './support/render-desk';

/** The detail's row for a field: its label and what it shows. */
function fieldRow(article: HTMLElement, label: string): HTMLElement {
  const row = within(article).getByText(label, { selector: 'dt, dt *' }).closest('div');
  if (!row) throw new Error(`no row for ${label}`);
  return row;
}

describe('inline editing', { timeout: 15_000 }, () => {
  it('edits the title: one change, one timeline entry with author and before/after', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Chiller trip' });
    await user.click(screen.getByRole('button', { name: 'Edit Title' }));
    const field = screen.getByLabelText('Title');
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.type(field, 'Chiller 2 tripped on high pressure{Enter}');
    const article = await screen.findByRole('article', { name: 'Chiller 2 tripped on high pressure' });
    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    const entry = await within(timeline).findByText('Title: Chiller trip → Chiller 2 tripped on high pressure');
    expect(entry.closest('li')).toHaveTextContent('Unknown user');
    expect(await db.outbox.count()).toBe(2);
    expect((await db.incidents.get(incident.id))?.title).toBe('Chiller 2 tripped on high pressure');
    // Focus returns to the Edit button.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit Title' })).toHaveFocus());
  });

  it('refuses an empty title with the domain message and keeps the old one', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Water leak' });
    await user.click(screen.getByRole('button', { name: 'Edit Title' }));
    await user.clear(screen.getByLabelText('Title'));
    await user.click(screen.getByRole('button', { name: 'Save Title' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a title');
    expect(screen.getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');
    expect((await db.incidents.get(incident.id))?.title).toBe('Water leak');
    expect(await db.outbox.count()).toBe(1);
  });

  it('changing impact re-derives the priority', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Network slow' });
    const article = screen.getByRole('article', { name: 'Network slow' });
    expect(within(article).getByText('P4 Low')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Edit Impact' }));
    await user.selectOptions(screen.getByLabelText('Impact'), '1 — High');
    await user.click(screen.getByRole('button', { name: 'Save Impact' }));
    expect(await within(article).findByText('P3 Moderate')).toBeInTheDocument();
  });

  it('edits category, site, description and reporter', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Smoke smell' });
    await user.click(screen.getByRole('button', { name: 'Edit Category' }));
    await user.selectOptions(screen.getByLabelText('Category'), 'Facility › Fire & life safety');
    await user.click(screen.getByRole('button', { name: 'Save Category' }));
    await screen.findByRole('button', { name: 'Edit Site' });
    await user.click(screen.getByRole('button', { name: 'Edit Site' }));
    await user.type(screen.getByLabelText('Site'), 'Main campus / Block B{Enter}');
    // The detail shows the new site (the list row shows it too once its page refreshes).
    await within(screen.getByRole('article', { name: 'Smoke smell' })).findByText('Main campus › Block B');
    // …and the list row follows: the site in the detail and in the list's Site cell.
    await waitFor(() => expect(screen.getAllByText('Main campus › Block B')).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Edit Reporter' }));
    await user.type(screen.getByLabelText('Reporter'), 'Night porter{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Edit Description' }));
    await user.type(screen.getByLabelText('Description'), '<b>Ward 4</b> corridor');
    await user.click(screen.getByRole('button', { name: 'Save Description' }));
    await waitFor(async () =>
      expect(await db.incidents.get(incident.id)).toMatchObject({
        category: ['Facility', 'Fire & life safety'],
        site: ['Main campus', 'Block B'],
        reporter: 'Night porter',
        description: '<b>Ward 4</b> corridor',
      }),
    );
    expect(await screen.findByText('<b>Ward 4</b> corridor')).toBeInTheDocument();
    expect(document.querySelector('article b')).toBeNull();
    expect(await db.timeline.where('incidentId').equals(incident.id).count()).toBe(5);
  });

  it('Escape leaves the editor without saving and without closing the incident', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Door jammed' });
    await user.click(screen.getByRole('button', { name: 'Edit Title' }));
    await user.type(screen.getByLabelText('Title'), ' again{Escape}');
    expect(screen.queryByLabelText('Title')).toBeNull();
    expect(screen.getByRole('article', { name: 'Door jammed' })).toBeInTheDocument();
    expect((await db.incidents.get(incident.id))?.title).toBe('Door jammed');
  });

  it('the major-incident flag is one edit and is emphasized in the header and the list', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Campus-wide power loss' });
    await user.click(screen.getByLabelText('Major incident'));
    const article = screen.getByRole('article', { name: 'Campus-wide power loss' });
    await waitFor(() => expect(article).toHaveClass('major'));
    expect(within(article).getByText('Major incident', { selector: '.badge' })).toBeInTheDocument();
    const row = within(screen.getByRole('table', { name: 'Incidents' })).getByRole('button', { name: 'Campus-wide power loss' }).closest('tr');
    await waitFor(() => expect(row).toHaveClass('major'));
    expect((await db.incidents.get(incident.id))?.major).toBe(true);
    expect(await within(within(article).getByRole('list', { name: 'Timeline' })).findByText('Major incident: No → Yes')).toBeInTheDocument();
  });

  it('closed incidents offer no editing', async () => {
    const { user, seed, services } = await renderDesk();
    const incident = await seed({ title: 'Old case' });
    await services.incidents.changeStatus(incident.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Done' });
    await services.incidents.changeStatus(incident.id, 'closed');
    await user.click(await screen.findByRole('button', { name: 'Old case' }));
    await screen.findByRole('article', { name: 'Old case' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Edit Title' })).toBeNull());
    expect(screen.getByLabelText('Major incident')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Escalate' })).toBeDisabled();
  });
});

describe('detected-at in the detail', { timeout: 15_000 }, () => {
  it('shows the detected-at with the recorder’s time zone, and "Not recorded" when nobody gave one', async () => {
    const { openSeeded } = await renderDesk();
    // Recorded in the Marquesas (UTC−09:30), a zone no test machine is in, so the offset must show.
    const detectedAt = { utc: '2026-03-29T00:10:00.000Z', offsetMinutes: -570 };
    await openSeeded({ title: 'Generator B failed', occurredAt: { utc: '2026-03-28T23:50:00.000Z', offsetMinutes: -570 }, detectedAt });
    const article = screen.getByRole('article', { name: 'Generator B failed' });
    expect(fieldRow(article, 'Detected')).toHaveTextContent(formatZoned(detectedAt));
    expect(fieldRow(article, 'Detected')).toHaveTextContent(/UTC[+−]\d\d:\d\d \((28 Mar )?14:40 UTC−09:30 where recorded\)/);
    await openSeeded({ title: 'Nobody noted it' });
    expect(fieldRow(screen.getByRole('article', { name: 'Nobody noted it' }), 'Detected')).toHaveTextContent('Not recorded');
  });

  it('edits the detected-at: one change, a timeline entry naming it, stored with this computer’s offset; clearing sets it back', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const occurredMs = Date.now() - 2 * 60 * 60_000;
    const incident = await openSeeded({ title: 'Lift stuck', occurredAt: { utc: new Date(occurredMs).toISOString(), offsetMinutes: 0 } });
    await user.click(screen.getByRole('button', { name: 'Edit Detected' }));
    const field = screen.getByLabelText('Detected');
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription(/This computer’s time \(UTC[+−]\d\d:\d\d\); leave empty if not known/);
    const typedMs = Math.floor((Date.now() - 60 * 60_000) / 60_000) * 60_000;
    await user.type(field, toDateTimeLocalValue(typedMs));
    await user.click(screen.getByRole('button', { name: 'Save Detected' }));
    const timeline = within(screen.getByRole('article', { name: 'Lift stuck' })).getByRole('list', { name: 'Timeline' });
    const detectedAt = { utc: new Date(typedMs).toISOString(), offsetMinutes: -new Date(typedMs).getTimezoneOffset() || 0 };
    expect(await within(timeline).findByText(`Detected at: not recorded → ${formatZoned(detectedAt)}`)).toBeInTheDocument();
    expect((await db.incidents.get(incident.id))?.detectedAt).toEqual(detectedAt);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Edit Detected' })).toHaveFocus());

    await user.click(screen.getByRole('button', { name: 'Edit Detected' }));
    await user.clear(screen.getByLabelText('Detected'));
    await user.click(screen.getByRole('button', { name: 'Save Detected' }));
    await waitFor(async () => expect((await db.incidents.get(incident.id))?.detectedAt).toBeNull());
    await waitFor(() => expect(fieldRow(screen.getByRole('article', { name: 'Lift stuck' }), 'Detected')).toHaveTextContent('Not recorded'));
  });

  it('refuses a detected-at before the occurred-at or in the future, with a message saying what to do, and changes nothing', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const occurredMs = Date.now() - 60 * 60_000;
    const incident = await openSeeded({ title: 'Fire door open', occurredAt: { utc: new Date(occurredMs).toISOString(), offsetMinutes: 0 } });
    await user.click(screen.getByRole('button', { name: 'Edit Detected' }));
    const field = screen.getByLabelText('Detected');
    await user.type(field, toDateTimeLocalValue(occurredMs - 3 * 60 * 60_000));
    await user.click(screen.getByRole('button', { name: 'Save Detected' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Detected at is before Occurred at \(.+\)\. Enter a later time/);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    await user.clear(field);
    await user.type(field, '2031-06-01T10:00');
    await user.click(screen.getByRole('button', { name: 'Save Detected' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/This is in the future/);
    expect((await db.incidents.get(incident.id))?.detectedAt).toBeNull();
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses moving the occurred-at after the detected-at', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const detectedMs = Date.now() - 60 * 60_000;
    const incident = await openSeeded({
      title: 'Boiler pressure low',
      occurredAt: { utc: new Date(detectedMs - 60 * 60_000).toISOString(), offsetMinutes: 0 },
      detectedAt: { utc: new Date(detectedMs).toISOString(), offsetMinutes: 0 },
    });
    await user.click(screen.getByRole('button', { name: 'Edit Occurred' }));
    await user.clear(screen.getByLabelText('Occurred'));
    await user.type(screen.getByLabelText('Occurred'), toDateTimeLocalValue(detectedMs + 30 * 60_000));
    await user.click(screen.getByRole('button', { name: 'Save Occurred' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`Occurred at is after Detected at (${formatLocal(new Date(detectedMs).toISOString())}). Enter an earlier time, or correct Detected at first.`);
    expect((await db.incidents.get(incident.id))?.occurredAt.utc).toBe(new Date(detectedMs - 60 * 60_000).toISOString());
  });
});

describe('reassignment', { timeout: 15_000 }, () => {
  it('a new incident is assigned through the status change; afterwards team and assignee edit in place', async () => {
    const { user, openSeeded, services, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Badge reader offline' });
    expect(screen.queryByRole('button', { name: 'Edit Team' })).toBeNull();
    await services.incidents.changeStatus(incident.id, 'assigned', { team: 'Service desk' });
    await user.click(await screen.findByRole('button', { name: 'Edit Assignee' }));
    await user.type(screen.getByLabelText('Assignee'), 'Sam Okafor{Enter}');
    await waitFor(async () => expect(await db.incidents.get(incident.id)).toMatchObject({ team: 'Service desk', assignee: 'Sam Okafor', status: 'assigned' }));
  });
});
