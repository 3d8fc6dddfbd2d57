// Change status → "Change hold reason": the incident stays on hold, the detail and timeline show the new reason, refusals change nothing.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

type Desk = Awaited<ReturnType<typeof renderDesk>>;

/** An incident owned by Facilities and on hold "Awaiting vendor", opened from the list. */
async function openHeld(desk: Desk, title: string) {
  const incident = await desk.seed({ title });
  const held = await desk.services.incidents.changeStatus(incident.id, 'on_hold', { team: 'Facilities', holdReason: 'Awaiting vendor' });
  if (!held.ok) throw new Error(held.error.message);
  await desk.user.click(await screen.findByRole('button', { name: title }));
  const article = await screen.findByRole('article', { name: title });
  await within(article).findByText('Awaiting vendor', { selector: 'dd' });
  return { incident, article };
}

async function openChangeReason(desk: Desk) {
  await desk.user.click(screen.getByRole('button', { name: 'Change status' }));
  const dialog = screen.getByRole('dialog', { name: 'Change status' });
  await desk.user.selectOptions(within(dialog).getByLabelText('New status'), 'Change hold reason (stays On hold)');
  return dialog;
}

describe('change the hold reason while on hold', { timeout: 20_000 }, () => {
  it('changes Awaiting vendor to Awaiting parts with a note: still on hold, one entry, detail and timeline show it', async () => {
    const desk = await renderDesk();
    const { incident, article } = await openHeld(desk, 'Chiller 2 tripped');
    const statusChangesBefore = await desk.db.timeline.where('incidentId').equals(incident.id).filter((e) => e.kind === 'status_changed').count();
    const dialog = await openChangeReason(desk);
    expect(within(dialog).getByText(/^Now on hold:/)).toHaveTextContent('Now on hold: Awaiting vendor. The incident stays on hold and its resolve clock stays paused.');
    await desk.user.selectOptions(within(dialog).getByLabelText('New hold reason'), 'Awaiting parts');
    await desk.user.type(within(dialog).getByLabelText('Note (optional)'), 'Vendor ships a new compressor relay.');
    await desk.user.click(within(dialog).getByRole('button', { name: 'Change hold reason' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Change status' })).toBeNull());
    expect(await within(article).findByText('Awaiting parts', { selector: 'dd' })).toBeInTheDocument();
    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText('Hold reason: Awaiting vendor → Awaiting parts')).toBeInTheDocument();
    expect(within(timeline).getByText('Vendor ships a new compressor relay.')).toBeInTheDocument();
    expect(await desk.db.incidents.get(incident.id)).toMatchObject({ status: 'on_hold', holdReason: 'Awaiting parts' });
    // No status change: the resolve clock neither resumed nor paused again.
    expect(await desk.db.timeline.where('incidentId').equals(incident.id).filter((e) => e.kind === 'status_changed').count()).toBe(statusChangesBefore);
    const ops = await desk.db.outbox.orderBy('deviceSeq').toArray();
    expect(ops.slice(-2).map((op) => [op.set, op.event.kind])).toEqual([[{ holdReason: 'Awaiting parts' }, 'fields_changed'], [{}, 'note']]);
  });

  it('refuses no reason and the current reason at the field, and changes nothing', async () => {
    const desk = await renderDesk();
    const { incident } = await openHeld(desk, 'Lift 3 stuck');
    const entries = await desk.db.timeline.where('incidentId').equals(incident.id).count();
    const dialog = await openChangeReason(desk);
    const reason = within(dialog).getByLabelText('New hold reason');
    await desk.user.click(within(dialog).getByRole('button', { name: 'Change hold reason' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Choose the new hold reason.');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveFocus();

    await desk.user.selectOptions(reason, 'Awaiting vendor (current)');
    await desk.user.click(within(dialog).getByRole('button', { name: 'Change hold reason' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The incident is already on hold for this reason (Awaiting vendor). Pick another reason, or go back.');
    expect(reason).toHaveAccessibleDescription(/already on hold for this reason/);
    expect(await desk.db.incidents.get(incident.id)).toMatchObject({ status: 'on_hold', holdReason: 'Awaiting vendor' });
    expect(await desk.db.timeline.where('incidentId').equals(incident.id).count()).toBe(entries);
  });

  it('a note too long for the timeline refuses the whole change: the reason stays as it was', async () => {
    const desk = await renderDesk();
    const { incident } = await openHeld(desk, 'Boiler pressure low');
    const dialog = await openChangeReason(desk);
    await desk.user.selectOptions(within(dialog).getByLabelText('New hold reason'), 'Awaiting parts');
    const note = within(dialog).getByLabelText('Note (optional)');
    // Pasted, not typed: typing 20,001 characters one by one takes minutes.
    note.focus();
    await desk.user.paste('x'.repeat(20_001));
    await desk.user.click(within(dialog).getByRole('button', { name: 'Change hold reason' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/Notes are limited to/);
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(await desk.db.incidents.get(incident.id)).toMatchObject({ holdReason: 'Awaiting vendor' });
  });

  it('is offered only while the incident is on hold', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Printer queue stuck' });
    await desk.user.click(screen.getByRole('button', { name: 'Change status' }));
    const dialog = screen.getByRole('dialog', { name: 'Change status' });
    const options = within(within(dialog).getByLabelText('New status')).getAllByRole('option').map((o) => o.textContent);
    expect(options).not.toContain('Change hold reason (stays On hold)');
  });
});
