// Facility systems (HICS 251) on the incident detail: record a snapshot by keyboard and labels, see summary, table and timeline; refusals save nothing.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCurrentUser } from '../../renderer/db/current-user';
import { renderDesk } from './support/render-desk';

describe('facility system status', { timeout: 45_000 }, () => {
  it('records a snapshot with Water non-functional; the summary, the table and the timeline show it; a second snapshot shows what changed', async () => {
    const { user, openSeeded, db } = await renderDesk();
    await setCurrentUser(db, { name: 'Ana Field', position: 'Facility Unit Leader' });
    await openSeeded({ title: 'Hospital power failure', category: ['Facility', 'Power & utility failure'] });
    const article = screen.getByRole('article', { name: 'Hospital power failure' });
    const section = within(article).getByRole('region', { name: 'Facility systems' });
    expect(within(section).getByText(/No system status recorded/)).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Record system status' }));
    const form = within(section).getByRole('form', { name: 'Record system status' });
    // Prefilled with HICS 251's critical systems, all fully functional; the first state has focus.
    expect(within(form).getByLabelText('Normal power state')).toHaveFocus();
    expect(within(form).getByLabelText('Water state')).toHaveValue('functional');
    expect(within(form).getAllByRole('combobox')).toHaveLength(16);

    await user.selectOptions(within(form).getByLabelText('Water state'), 'Non-functional');
    await user.type(within(form).getByLabelText('Water reason'), 'Main burst in basement');
    await user.type(within(form).getByLabelText('Water repair estimate'), '4 h');
    await user.selectOptions(within(form).getByLabelText('Elevators state'), 'Partially functional');
    await user.type(within(form).getByLabelText('Elevators reason'), 'Only lift 2 on generator');
    // Remove one system and add one by name, with the keyboard.
    await user.click(within(form).getByRole('button', { name: 'Remove Nurse call' }));
    expect(within(form).queryByLabelText('Nurse call state')).not.toBeInTheDocument();
    await user.type(within(form).getByLabelText('Another system'), 'Kitchen refrigeration{Enter}');
    await waitFor(() => expect(within(form).getByLabelText('Kitchen refrigeration state')).toHaveFocus());
    await user.type(within(form).getByLabelText('Another system'), 'water');
    await user.click(within(form).getByRole('button', { name: 'Add system' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Water is already in the list.');
    await user.clear(within(form).getByLabelText('Another system'));

    await user.click(within(form).getByRole('button', { name: 'Save snapshot' }));
    await waitFor(() => expect(within(section).queryByRole('form')).not.toBeInTheDocument());
    expect(await within(section).findByText(/1 non-functional, 1 partial/)).toBeInTheDocument();
    await waitFor(() => expect(within(section).getByRole('button', { name: 'Record system status' })).toHaveFocus());

    const table = within(section).getByRole('table', { name: 'Facility systems' });
    const water = within(table).getByRole('row', { name: /^Water/ });
    expect(within(water).getByRole('cell', { name: /Non-functional/ })).toBeInTheDocument();
    expect(water).toHaveTextContent('Main burst in basement');
    expect(water).toHaveTextContent('4 h');
    expect(water).toHaveTextContent('Ana Field');
    expect(within(table).getByRole('row', { name: /^Kitchen refrigeration/ })).toHaveTextContent('Fully functional');
    expect(within(table).queryByRole('row', { name: /^Nurse call/ })).not.toBeInTheDocument();

    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    const entry = (await within(timeline).findByText(/Water: Non-functional · Main burst in basement · repair estimate 4 h/)).closest('li')!;
    expect(entry).toHaveTextContent('System status');
    expect(entry).toHaveTextContent('Ana Field');

    // Second snapshot, prefilled from the current status: Water is back.
    await user.click(within(section).getByRole('button', { name: 'Record system status' }));
    const second = within(section).getByRole('form', { name: 'Record system status' });
    expect(within(second).getByLabelText('Water state')).toHaveValue('non_functional');
    expect(within(second).getByLabelText('Water reason')).toHaveValue('Main burst in basement');
    expect(within(second).getByLabelText('Kitchen refrigeration state')).toBeInTheDocument();
    await user.selectOptions(within(second).getByLabelText('Water state'), 'Fully functional');
    await user.clear(within(second).getByLabelText('Water reason'));
    await user.clear(within(second).getByLabelText('Water repair estimate'));
    await user.click(within(second).getByRole('button', { name: 'Save snapshot' }));
    await waitFor(() => expect(within(section).getByText(/^1 partial/)).toBeInTheDocument());
    const waterAgain = within(within(section).getByRole('table')).getByRole('row', { name: /^Water/ });
    expect(waterAgain).toHaveTextContent('Fully functional');
    expect(waterAgain).toHaveTextContent('was Non-functional');

    const ops = await db.outbox.toArray();
    expect(ops.map((op) => op.event.kind)).toEqual(['created', 'system_status', 'system_status']);
  });

  it('refuses a non-functional system without a reason next to its row, focuses the reason and saves nothing; Escape cancels', async () => {
    const { user, openSeeded, db } = await renderDesk();
    await openSeeded({ title: 'Water outage, east wing', category: ['Facility', 'Water & plumbing'] });
    const section = within(screen.getByRole('article', { name: 'Water outage, east wing' })).getByRole('region', { name: 'Facility systems' });
    await user.click(within(section).getByRole('button', { name: 'Record system status' }));
    const form = within(section).getByRole('form', { name: 'Record system status' });
    await user.selectOptions(within(form).getByLabelText('Water state'), 'Non-functional');
    const opsBefore = await db.outbox.count();
    await user.click(within(form).getByRole('button', { name: 'Save snapshot' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('Say why Water is non-functional.');
    const reason = within(form).getByLabelText('Water reason');
    await waitFor(() => expect(reason).toHaveFocus());
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription('Say why Water is non-functional.');
    expect(await db.outbox.count()).toBe(opsBefore);
    expect((await db.timeline.toArray()).map((event) => event.kind)).toEqual(['created']);

    // Double submit: two quick presses still write one snapshot.
    await user.type(reason, 'Main burst');
    await user.dblClick(within(form).getByRole('button', { name: 'Save snapshot' }));
    await waitFor(() => expect(within(section).queryByRole('form')).not.toBeInTheDocument());
    expect(await within(section).findByText(/1 non-functional/)).toBeInTheDocument();
    expect((await db.timeline.toArray()).filter((event) => event.kind === 'system_status')).toHaveLength(1);

    await user.click(within(section).getByRole('button', { name: 'Record system status' }));
    expect(within(section).getByRole('form', { name: 'Record system status' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(within(section).queryByRole('form')).not.toBeInTheDocument();
    // The incident stays open: Escape closed only the form.
    expect(screen.getByRole('article', { name: 'Water outage, east wing' })).toBeInTheDocument();
    await waitFor(() => expect(within(section).getByRole('button', { name: 'Record system status' })).toHaveFocus());
  });

  it('a closed incident shows its systems read-only', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Generator test', category: ['Facility', 'Generator & UPS'] });
    const section = within(screen.getByRole('article', { name: 'Generator test' })).getByRole('region', { name: 'Facility systems' });
    await user.click(within(section).getByRole('button', { name: 'Record system status' }));
    // A full round: every system checked, so all 16 are recorded as shown.
    await user.click(within(section).getByRole('checkbox', { name: 'Also record the unchanged systems as checked now' }));
    await user.click(within(section).getByRole('button', { name: 'Save snapshot' }));
    expect(await within(section).findByText(/All 16 fully functional/)).toBeInTheDocument();
    await db.incidents.update(incident.id, { status: 'closed' });
    await waitFor(() => expect(within(section).queryByRole('button', { name: 'Record system status' })).not.toBeInTheDocument());
    await user.click(within(section).getByRole('button', { name: 'Hide systems' }));
    await user.click(within(section).getByRole('button', { name: 'Show systems' }));
    expect(within(section).getByRole('table', { name: 'Facility systems' })).toBeInTheDocument();
  });
});
