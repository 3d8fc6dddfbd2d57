// Timeline: communications as entries, filtering by kind, and corrections that point at the entry they correct.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { writeMeta } from '../../renderer/db/meta';
import { renderDesk } from './support/render-desk';

describe('timeline', { timeout: 15_000 }, () => {
  it('logs a communication with direction, parties, channel and message', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Power cut Block A' });
    await user.click(screen.getByRole('button', { name: 'Log communication' }));
    const form = screen.getByRole('form', { name: 'Communication' });
    await user.click(within(form).getByRole('button', { name: 'Save communication' }));
    // "From" starts as the person at the keyboard for outgoing messages; nobody has said who that is here.
    // Every missing field is named at once; From comes first.
    expect((await within(form).findAllByRole('alert'))[0]).toHaveTextContent('Say who the message is from.');
    expect(within(form).getByLabelText('From')).toHaveValue('');
    await user.type(within(form).getByLabelText('From'), 'Facility desk');
    await user.type(within(form).getByLabelText('To'), 'Ward 3 charge nurse');
    await user.selectOptions(within(form).getByLabelText('Channel'), 'Radio');
    await user.type(within(form).getByLabelText('Message'), 'Power back within 20 minutes');
    await user.click(within(form).getByRole('button', { name: 'Save communication' }));
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const entry = (await within(timeline).findByText(/Power back within 20 minutes/)).closest('li')!;
    expect(entry).toHaveTextContent('Communication');
    expect(entry).toHaveTextContent('Sent by Radio · From Facility desk to Ward 3 charge nurse');
    expect(await db.outbox.count()).toBe(2);
    expect(incident.id).toBeTruthy();
  });

  it("logs HICS 213's priority, subject and action taken, and shows them on the entry", async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Water main burst' });
    await user.click(screen.getByRole('button', { name: 'Log communication' }));
    const form = screen.getByRole('form', { name: 'Communication' });
    expect(within(form).getByLabelText('Priority')).toHaveValue('non_urgent');
    await user.selectOptions(within(form).getByLabelText('Direction'), 'incoming');
    await user.selectOptions(within(form).getByLabelText('Priority'), 'Urgent');
    await user.type(within(form).getByLabelText('From'), 'Ward 3 charge nurse');
    await user.type(within(form).getByLabelText('To'), 'Facility desk');
    await user.type(within(form).getByLabelText('Subject (optional)'), 'No water on ward 3');
    await user.type(within(form).getByLabelText('Message'), 'Taps dry since 14:10');
    await user.type(within(form).getByLabelText('Action taken (optional)'), 'Bottled water sent');
    await user.click(within(form).getByRole('button', { name: 'Save communication' }));
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const entry = (await within(timeline).findByText(/Taps dry since 14:10/)).closest('li')!;
    expect(entry).toHaveTextContent('Urgent · Received by');
    expect(entry).toHaveTextContent('Subject: No water on ward 3');
    expect(entry).toHaveTextContent('Action taken: Bottled water sent');
  });

  it('filters entries by kind', async () => {
    const { user, openSeeded, services } = await renderDesk();
    const incident = await openSeeded({ title: 'Lift 3 stuck' });
    await services.incidents.addNote(incident.id, 'Engineer called');
    await services.incidents.logCommunication(incident.id, { direction: 'incoming', from: 'Lift vendor', to: 'Desk', channel: 'Phone', message: 'ETA 40 minutes' });
    await services.incidents.edit(incident.id, { urgency: 1 });
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    await within(timeline).findByText(/Urgency: 3 — Low → 1 — High/);
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(4);

    await user.selectOptions(screen.getByLabelText('Filter timeline'), 'communication');
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(1);
    expect(within(timeline).getByRole('listitem')).toHaveTextContent('ETA 40 minutes');
    await user.selectOptions(screen.getByLabelText('Filter timeline'), 'note');
    expect(within(timeline).getByRole('listitem')).toHaveTextContent('Engineer called');
    await user.selectOptions(screen.getByLabelText('Filter timeline'), 'all');
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(4);
  });

  it('a correction is a new entry referring to the old one, which stays as it was', async () => {
    const { user, openSeeded, services, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Fuel delivery' });
    await services.incidents.addNote(incident.id, 'Tank at 80 %');
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const original = (await within(timeline).findByText('Tank at 80 %')).closest('li')!;
    await user.click(within(original).getByRole('button', { name: /^Correct entry/ }));
    await user.type(within(original).getByLabelText('Correction'), 'Tank at 40 %, misread gauge');
    await user.click(within(original).getByRole('button', { name: 'Save correction' }));

    const correction = (await within(timeline).findByText('Tank at 40 %, misread gauge', { selector: '.timeline-body' })).closest('li')!;
    expect(correction).toHaveTextContent('Correction');
    expect(correction).toHaveTextContent(/Corrects: Note of .* — Tank at 80 %/);
    expect(within(timeline).getByText('Tank at 80 %', { selector: '.timeline-body' }).closest('li')).toHaveTextContent('Corrected');
    const stored = await db.timeline.where('incidentId').equals(incident.id).toArray();
    const note = stored.find((e) => e.kind === 'note');
    expect(note).toMatchObject({ text: 'Tank at 80 %' });
    expect(stored.find((e) => e.kind === 'correction')).toMatchObject({ corrects: note!.id });
  });

  it('saves a correction with Ctrl+Enter and puts focus back on the entry, not on the page', async () => {
    const { user, openSeeded, services } = await renderDesk();
    const incident = await openSeeded({ title: 'Fuel delivery' });
    await services.incidents.addNote(incident.id, 'Tank at 80 %');
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const original = (await within(timeline).findByText('Tank at 80 %')).closest('li')!;
    await user.click(within(original).getByRole('button', { name: /^Correct entry/ }));
    await user.type(within(original).getByLabelText('Correction'), 'Tank at 40 %');
    await user.keyboard('{Control>}{Enter}{/Control}');

    await within(timeline).findByText('Tank at 40 %', { selector: '.timeline-body' });
    expect(within(original).queryByLabelText('Correction')).toBeNull();
    expect(within(original).getByRole('button', { name: 'Correct entry: Tank at 80 %' })).toHaveFocus();
    // Escape from a second correction does the same.
    await user.click(within(original).getByRole('button', { name: /^Correct entry/ }));
    await user.keyboard('{Escape}');
    expect(within(original).getByRole('button', { name: 'Correct entry: Tank at 80 %' })).toHaveFocus();
    expect(screen.getByRole('article', { name: 'Fuel delivery' })).toBeInTheDocument();
  });

  it("marks entries whose time no check against HQ vouched for, and gives a clock found off with the likely real time", async () => {
    const { openSeeded, services, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Generator B failed' });
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    // Never synced: the creation is marked with a short tag (read once; the long explanation is its tooltip).
    const created = (await within(timeline).findByText('Incident recorded: Generator B failed')).closest('li')!;
    const tag = within(created).getByText('clock not checked');
    expect(tag.closest('[title]')).toHaveAttribute('title', expect.stringMatching(/^Recorded while no check against HQ vouched for the laptop's clock/));

    // A sync a moment ago found this clock 6 hours behind HQ.
    await writeMeta(db, 'clockCheck', { checkedAtMs: Date.now() - 60_000, hqMinusDeviceMs: 6 * 3_600_000 });
    await services.incidents.addNote(incident.id, 'Fuel at 40 %');
    const note = (await within(timeline).findByText('Fuel at 40 %')).closest('li')!;
    expect(within(note).getByText('clock about 6 hours behind HQ')).toBeInTheDocument();
    expect(within(note).getByText(/^real time about \d{1,2} \w{3} \d{4} \d\d:\d\d$/)).toBeInTheDocument();
    expect(within(note).queryByText('clock not checked')).toBeNull();
  });
});
