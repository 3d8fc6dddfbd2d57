// Checklist on the incident detail: steps grouped by phase as named checkboxes; ticking writes a timeline entry naming who ticked.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCurrentUser } from '../../renderer/db/current-user';
import { createChecklistRepository } from '../../renderer/db/checklist';
import { renderDesk } from './support/render-desk';

describe('incident checklist', { timeout: 20_000 }, () => {
  it('ticks and unticks a template step by its checkbox; the timeline shows who ticked it and the filter finds ticks', async () => {
    const { user, seed, db } = await renderDesk();
    await setCurrentUser(db, { name: 'Ana Field', position: 'Security Lead' });
    const incident = await seed({ title: 'Security breach: ward PCs' });
    const attached = await createChecklistRepository(db).attachTemplate(incident.id, 'security-breach');
    expect(attached.ok).toBe(true);
    await user.click(await screen.findByRole('button', { name: 'Security breach: ward PCs' }));
    const article = await screen.findByRole('article', { name: 'Security breach: ward PCs' });

    const checklist = await within(article).findByRole('region', { name: /Checklist/ });
    expect(within(checklist).getByRole('group', { name: '0–2 h' })).toBeInTheDocument();
    expect(within(checklist).getByRole('group', { name: '12 h+' })).toBeInTheDocument();
    const step = within(checklist).getByRole('checkbox', { name: 'Reset or disable compromised accounts' });
    expect(step).not.toBeChecked();

    await user.click(step);
    await waitFor(() => expect(step).toBeChecked());
    expect(await within(checklist).findByText('1 of 8 done')).toBeInTheDocument();
    expect(step).toHaveAccessibleDescription(/Ticked by Ana Field/);
    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    const entry = (await within(timeline).findByText('Ticked: Reset or disable compromised accounts')).closest('li')!;
    expect(entry).toHaveTextContent('Checklist tick');
    expect(entry).toHaveTextContent('Ana Field · Security Lead');

    await user.click(step);
    await waitFor(() => expect(step).not.toBeChecked());
    expect(await within(timeline).findByText('Unticked: Reset or disable compromised accounts')).toBeInTheDocument();

    await user.selectOptions(within(article).getByLabelText('Filter timeline'), 'checklist_ticked');
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(2);
    expect(within(article).getByRole('option', { name: 'Checklist tick (2)' })).toBeInTheDocument();

    const ops = await db.outbox.toArray();
    expect(ops.map((op) => op.event.kind)).toEqual(['created', 'checklist_added', 'checklist_ticked', 'checklist_ticked']);
  });

  it('says how many checklist steps are unticked before an incident is resolved, and still lets it be resolved', async () => {
    const { user, seed, db } = await renderDesk();
    const incident = await seed({ title: 'Ransomware on ward PCs' });
    expect((await createChecklistRepository(db).attachTemplate(incident.id, 'security-breach')).ok).toBe(true);
    await user.click(await screen.findByRole('button', { name: 'Ransomware on ward PCs' }));
    const article = await screen.findByRole('article', { name: 'Ransomware on ward PCs' });
    await user.click(within(article).getByRole('checkbox', { name: 'Reset or disable compromised accounts' }));
    await within(article).findByText('1 of 8 done');

    await user.click(within(article).getByRole('button', { name: 'Change status' }));
    const dialog = screen.getByRole('dialog', { name: 'Change status' });
    // Not a step towards resolving: nothing said.
    expect(within(dialog).queryByText(/checklist steps are not ticked/)).toBeNull();
    await user.selectOptions(within(dialog).getByLabelText('New status'), 'resolved');
    const resolve = within(dialog).getByRole('button', { name: 'Resolve' });
    expect(resolve).toHaveAccessibleDescription('7 of 8 checklist steps are not ticked. Tick what was done first, or go on if the rest no longer applies.');
    await user.selectOptions(within(dialog).getByLabelText('Resolution code'), 'Fixed');
    await user.type(within(dialog).getByLabelText('Resolution notes'), 'Machines reimaged.');
    await user.click(resolve);
    await waitFor(async () => expect((await db.incidents.get(incident.id))?.status).toBe('resolved'));
  });

  it('adds a step by hand to a phase; a closed incident shows its checklist read-only', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Odd smell in plant room' });
    const article = screen.getByRole('article', { name: 'Odd smell in plant room' });
    const checklist = within(article).getByRole('region', { name: /Checklist/ });
    expect(within(checklist).getByText(/No checklist on this incident/)).toBeInTheDocument();

    await user.click(within(checklist).getByRole('button', { name: 'Add checklist step' }));
    const form = within(checklist).getByRole('form', { name: 'Add checklist step' });
    await user.click(within(form).getByRole('button', { name: 'Add step' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Write the step first.');
    await user.selectOptions(within(form).getByLabelText('Phase'), '2–12 h');
    await user.type(within(form).getByLabelText('Step'), 'Ask the gas supplier for a leak test');
    await user.click(within(form).getByRole('button', { name: 'Add step' }));

    const group = await within(checklist).findByRole('group', { name: '2–12 h' });
    expect(within(group).getByRole('checkbox', { name: 'Ask the gas supplier for a leak test' })).toBeEnabled();
    expect(await within(within(article).getByRole('list', { name: 'Timeline' })).findByText('Step added (2–12 h): Ask the gas supplier for a leak test')).toBeInTheDocument();

    await db.incidents.update(incident.id, { status: 'closed' });
    await waitFor(() => expect(within(checklist).getByRole('checkbox', { name: 'Ask the gas supplier for a leak test' })).toBeDisabled());
    expect(within(checklist).queryByRole('button', { name: 'Add checklist step' })).not.toBeInTheDocument();
  });

  it('adds a playbook checklist to an incident recorded without a template, its category\'s playbook offered first', async () => {
    const { user, seed, db } = await renderDesk();
    const incident = await seed({ title: 'Ward 4 lost power', category: ['Facility', 'Power & utility failure'] });
    await user.click(await screen.findByRole('button', { name: 'Ward 4 lost power' }));
    const article = await screen.findByRole('article', { name: 'Ward 4 lost power' });
    const checklist = await within(article).findByRole('region', { name: /Checklist/ });
    const playbook = within(checklist).getByLabelText('Playbook');
    expect((playbook as HTMLSelectElement).selectedOptions[0]?.textContent).toMatch(/^Power outage \(\d+ steps\)$/);

    await user.click(within(checklist).getByRole('button', { name: 'Add playbook checklist' }));
    await waitFor(() => expect(within(checklist).getByRole('group', { name: '0–2 h' })).toBeInTheDocument());
    expect(within(checklist).getAllByRole('checkbox').length).toBeGreaterThan(3);
    // Offered once: the power outage playbook is no longer in the list.
    expect(within(within(checklist).getByLabelText('Playbook')).queryByRole('option', { name: /^Power outage/ })).toBeNull();
    const entries = await db.timeline.where('incidentId').equals(incident.id).toArray();
    expect(entries.filter((e) => e.kind === 'checklist_added')).toHaveLength(1);
  });

  it('preselects the only playbook of the incident\'s area, and none for an area with several or without a category', async () => {
    const { user, seed } = await renderDesk();
    await seed({ title: 'Ransomware note on ward PCs', category: ['Security', 'Malware'] });
    await seed({ title: 'Lift stuck between floors', category: ['Facility', 'Elevators & lifts'] });
    const playbookOf = async (title: string) => {
      await user.click(await screen.findByRole('button', { name: title }));
      const article = await screen.findByRole('article', { name: title });
      return within(await within(article).findByRole('region', { name: /Checklist/ })).getByLabelText('Playbook') as HTMLSelectElement;
    };
    expect((await playbookOf('Ransomware note on ward PCs')).selectedOptions[0]?.textContent).toMatch(/^Security breach/);
    const lift = await playbookOf('Lift stuck between floors');
    expect(lift).toHaveDisplayValue('— choose a playbook —');
    const article = screen.getByRole('article', { name: 'Lift stuck between floors' });
    await user.click(within(article).getByRole('button', { name: 'Add playbook checklist' }));
    expect(await within(article).findByRole('alert')).toHaveTextContent('Choose the playbook whose checklist to add.');
  });
});
