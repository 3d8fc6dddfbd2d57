// SLA policy editor, business hours: every window and holiday is edited and kept; bad windows and dates are refused and save nothing.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { editSlaPolicies, readSlaPolicySet } from '../../renderer/db/sla-policies';
import { replacePolicy, SEED_SLA_POLICIES, type BusinessCalendar, type SlaPolicySet } from '../../shared/domain';
import { renderDesk } from './support/render-desk';

type Desk = Awaited<ReturnType<typeof renderDesk>>;

const CLINIC: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  windows: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '12:00' },
    { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '13:00', to: '17:00' },
    { days: ['sat'], from: '09:00', to: '13:00' },
  ],
  holidays: ['2026-04-03', '2026-04-06'],
};

/** Gives Gold the clinic calendar in storage, then opens its editor. */
async function openClinic(desk: Desk, calendar: BusinessCalendar = CLINIC): Promise<{ form: HTMLElement; stored: SlaPolicySet }> {
  const result = await editSlaPolicies(desk.services.db, (set) => replacePolicy(set, { ...SEED_SLA_POLICIES[0]!, calendar }));
  if (!result.ok) throw new Error(result.message);
  await desk.user.click(screen.getByRole('button', { name: 'SLA policies' }));
  const dialog = screen.getByRole('dialog', { name: 'SLA policy settings' });
  const form = await within(dialog).findByRole('form', { name: 'Edit Gold' });
  return { form, stored: result.value };
}

const gold = async (desk: Desk) => (await readSlaPolicySet(desk.services.db)).policies[0]!;
const save = (desk: Desk, form: HTMLElement) => desk.user.click(within(form).getByRole('button', { name: 'Save policy' }));

async function retype(desk: Desk, field: HTMLElement, value: string) {
  await desk.user.clear(field);
  await desk.user.type(field, value);
}

describe('SLA policy business hours and holidays', { timeout: 20_000 }, () => {
  it('shows every window and holiday, and an untouched save keeps them all', async () => {
    const desk = await renderDesk();
    const { form } = await openClinic(desk);
    const windows = within(form).getByRole('list', { name: 'Business-hours windows' });
    expect(within(windows).getAllByRole('group').map((g) => g.querySelector('legend')?.textContent)).toEqual(['Window 1', 'Window 2', 'Window 3']);
    expect(within(form).getByLabelText('Window 2 from')).toHaveValue('13:00');
    expect(within(within(form).getByRole('group', { name: 'Window 3' })).getByRole('checkbox', { name: 'Sat' })).toBeChecked();
    expect(within(within(form).getByRole('list', { name: 'Holidays' })).getAllByRole('listitem').map((li) => li.firstChild?.textContent)).toEqual(['Fri 3 Apr 2026', 'Mon 6 Apr 2026']);

    await retype(desk, within(form).getByLabelText('P1 time to own hours'), '1');
    await save(desk, form);
    expect(await within(form).findByText(/Saved Gold/)).toBeInTheDocument();
    expect((await gold(desk)).calendar).toEqual(CLINIC);
  });

  it('adds a window (focus moves to it) and removes one, by keyboard-reachable buttons with their own names', async () => {
    const desk = await renderDesk();
    const { form } = await openClinic(desk);
    await desk.user.click(within(form).getByRole('button', { name: 'Remove window 3' }));
    await desk.user.click(within(form).getByRole('button', { name: 'Add a window' }));
    const added = within(form).getByRole('group', { name: 'Window 3' });
    expect(within(added).getByRole('checkbox', { name: 'Mon' })).toHaveFocus();
    await desk.user.click(within(added).getByRole('checkbox', { name: 'Sun' }));
    await retype(desk, within(form).getByLabelText('Window 3 from'), '10:00');
    await retype(desk, within(form).getByLabelText('Window 3 to'), '24:00');
    await save(desk, form);
    await within(form).findByText(/Saved Gold/);
    expect((await gold(desk)).calendar?.windows).toEqual([CLINIC.windows[0], CLINIC.windows[1], { days: ['sun'], from: '10:00', to: '24:00' }]);
  });

  it.each([
    ['a window that ends before it starts', 'Window 2 to', '12:30', 'Business hours must end after they start: window 2 runs 13:00–12:30.'],
    ['overlapping windows', 'Window 2 from', '11:00', 'Windows 1 and 2 overlap on Mon (08:00–12:00 and 11:00–17:00).'],
    ['a time that is not HH:MM', 'Window 1 from', '8 am', 'Window 1 from: write the time as HH:MM from 00:00 to 24:00'],
  ])('refuses %s with a message and saves nothing', async (_label, field, value, message) => {
    const desk = await renderDesk();
    const { form, stored } = await openClinic(desk);
    await retype(desk, within(form).getByLabelText(field), value);
    await save(desk, form);
    expect(await within(form).findByRole('alert')).toHaveTextContent(message);
    expect(await readSlaPolicySet(desk.services.db)).toEqual(stored);
  });

  it('adds a holiday by date (Enter adds, it does not save the policy), pastes several, removes one; Save stores them in order', async () => {
    const desk = await renderDesk();
    const { form } = await openClinic(desk);
    const date = within(form).getByLabelText('Holiday date');
    fireEvent.change(date, { target: { value: '2026-05-25' } });
    fireEvent.keyDown(date, { key: 'Enter' });
    expect(within(form).getByRole('status')).toHaveTextContent('Added 1 holiday. Save the policy to keep the change.');
    expect((await gold(desk)).calendar?.holidays).toEqual(CLINIC.holidays);

    await desk.user.click(within(form).getByText('Add several dates at once'));
    await desk.user.type(within(form).getByLabelText('Dates, one per line (YYYY-MM-DD)'), '2026-12-26{Enter}2026-12-25{Enter}2026-04-03');
    await desk.user.click(within(form).getByRole('button', { name: 'Add these dates' }));
    expect(within(form).getByRole('status')).toHaveTextContent('Added 2 holidays (1 already listed).');
    await desk.user.click(within(form).getByRole('button', { name: 'Remove holiday Mon 6 Apr 2026' }));
    await save(desk, form);
    await within(form).findByText(/Saved Gold/);
    expect((await gold(desk)).calendar?.holidays).toEqual(['2026-04-03', '2026-05-25', '2026-12-25', '2026-12-26']);
  });

  it('refuses a pasted list with a line that is not a date: says which line, adds nothing', async () => {
    const desk = await renderDesk();
    const { form } = await openClinic(desk);
    await desk.user.click(within(form).getByText('Add several dates at once'));
    const box = within(form).getByLabelText('Dates, one per line (YYYY-MM-DD)');
    await desk.user.type(box, '2026-12-25{Enter}24.12.2026');
    await desk.user.click(within(form).getByRole('button', { name: 'Add these dates' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Line 2, “24.12.2026”, is not a date: write holidays as YYYY-MM-DD, e.g. 2026-12-25. Nothing was added.');
    expect(box).toHaveAccessibleDescription(/Line 2/);
    expect(box).toHaveValue('2026-12-25\n24.12.2026');
    expect(within(within(form).getByRole('list', { name: 'Holidays' })).getAllByRole('listitem')).toHaveLength(2);
  });

  it('says that policies stay on this computer, and that saving as 24×7 removes the hours and holidays', async () => {
    const desk = await renderDesk();
    const { form } = await openClinic(desk);
    const dialog = screen.getByRole('dialog', { name: 'SLA policy settings' });
    expect(dialog).toHaveTextContent('kept on this computer only: they do not sync');
    const allDay = within(form).getByRole('radio', { name: '24×7' });
    await desk.user.click(allDay);
    expect(allDay).toHaveAccessibleDescription(/Saving as 24×7 removes this policy’s business hours and its 2 holidays\./);
    // Switching back before saving restores everything as it was.
    await desk.user.click(within(form).getByRole('radio', { name: 'Business hours only' }));
    expect(within(form).getAllByRole('group', { name: /^Window \d$/ })).toHaveLength(3);
    await waitFor(() => expect(within(within(form).getByRole('list', { name: 'Holidays' })).getAllByRole('listitem')).toHaveLength(2));
  });
});
