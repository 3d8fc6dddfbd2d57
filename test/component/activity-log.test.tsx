// Activity log (HICS 214) from the timeline: entries by one person, the log copied or printed for a chosen period, bad periods refused.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCurrentUser } from '../../renderer/db';
import { renderDesk } from './support/render-desk';

const AMIRA = { name: 'Amira Haddad', position: 'Facility Unit Leader' };
const SAM = { name: 'Sam Okafor', position: 'Planning Section Chief' };

function mockClipboard() {
  const writeText = vi.fn((_text: string) => Promise.resolve());
  Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
  return writeText;
}

/** An incident recorded by Amira with a note of hers, then a note by Sam, who is now at the keyboard. */
async function twoPeopleIncident() {
  const desk = await renderDesk();
  await setCurrentUser(desk.db, AMIRA);
  const incident = await desk.openSeeded({ title: 'Generator B failed' });
  await desk.services.incidents.addNote(incident.id, 'Fuel level read at 40 %');
  await setCurrentUser(desk.db, SAM);
  await desk.services.incidents.addNote(incident.id, 'Wards told to expect a switch-over');
  await screen.findByRole('button', { name: 'Working as Sam Okafor. Switch user' });
  const timeline = await screen.findByRole('list', { name: 'Timeline' });
  await within(timeline).findByText('Wards told to expect a switch-over');
  return { ...desk, incident, timeline };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('activity log (HICS 214)', { timeout: 20_000 }, () => {
  it('the timeline shows the entries of one person in one position', async () => {
    const { user, timeline } = await twoPeopleIncident();
    const by = screen.getByLabelText('Entries by');
    expect(within(by).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Everyone',
      'Amira Haddad — Facility Unit Leader (2)',
      'Sam Okafor — Planning Section Chief (1)',
    ]);
    await user.selectOptions(by, 'Amira Haddad — Facility Unit Leader (2)');
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(2);
    expect(within(timeline).queryByText('Wards told to expect a switch-over')).toBeNull();
    expect(within(timeline).getByText('Fuel level read at 40 %')).toBeInTheDocument();
    expect(within(screen.getByLabelText('Filter timeline')).getByRole('option', { name: 'All entries (2)' })).toBeInTheDocument();
  });

  it("keeps anyone's correction of the person's entry in view, so a struck-through entry still shows what replaced it", async () => {
    const { user, timeline, services, incident } = await twoPeopleIncident();
    const fuel = (await services.db.timeline.toArray()).find((event) => event.kind === 'note' && event.text.startsWith('Fuel'))!;
    await services.incidents.correct(incident.id, fuel.id, 'Fuel level was 30 %, not 40 %');
    await user.selectOptions(screen.getByLabelText('Entries by'), 'Amira Haddad — Facility Unit Leader (2)');
    expect(await within(timeline).findByText('Fuel level was 30 %, not 40 %')).toBeInTheDocument();
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(3);
    expect(within(timeline).queryByText('Wards told to expect a switch-over')).toBeNull();
  });

  it("copies the chosen person's log for the period, prepared by that person and copied by the one at the keyboard", async () => {
    const { user, incident } = await twoPeopleIncident();
    const writeText = mockClipboard();
    await user.selectOptions(screen.getByLabelText('Entries by'), 'Amira Haddad — Facility Unit Leader (2)');
    await user.click(screen.getByRole('button', { name: 'Activity log' }));

    const dialog = screen.getByRole('dialog', { name: 'Activity log (HICS 214)' });
    // The timeline's choice comes along; focus is on the first field.
    expect(within(dialog).getByLabelText('Name and position')).toHaveDisplayValue('Amira Haddad — Facility Unit Leader (2 entries)');
    expect(within(dialog).getByLabelText('Name and position')).toHaveFocus();
    expect(within(dialog).getByText('2 entries by Amira Haddad — Facility Unit Leader in this period, of 2 entries in all.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Copy activity log' }));

    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const text = writeText.mock.calls[0]![0];
    expect(text).toMatch(new RegExp(`^ACTIVITY LOG \\(HICS 214\\)\\n${incident.number} — Generator B failed\\n\\n`));
    expect(text).toMatch(/\nName: +Amira Haddad\nPosition: +Facility Unit Leader\n/);
    expect(text).toMatch(/\nNOTABLE ACTIVITIES \(2 entries, oldest first\)\n- .* · Recorded\n {2}Incident recorded: Generator B failed\n- .* · Note\n {2}Fuel level read at 40 %\n/);
    expect(text).not.toContain('Wards told');
    // HICS 214: the log's own person prepares and signs it; who copied it is named at the foot.
    expect(text).toMatch(/\nPrepared by: Amira Haddad \(Facility Unit Leader\), /);
    expect(text).toMatch(/\nCopied .* by Sam Okafor \(Planning Section Chief\) from Lantern on this device\n$/);
    expect(within(dialog).getByRole('status')).toHaveTextContent('Copied the activity log of Amira Haddad — Facility Unit Leader (2 entries).');
  });

  it('counts entries made while the dialog is open (the period runs up to now unless an end is set)', async () => {
    const { user, incident, services } = await twoPeopleIncident();
    const writeText = mockClipboard();
    await user.click(screen.getByRole('button', { name: 'Activity log' }));
    const dialog = screen.getByRole('dialog', { name: 'Activity log (HICS 214)' });
    expect(await within(dialog).findByText('1 entry by Sam Okafor — Planning Section Chief in this period, of 1 entry in all.')).toBeInTheDocument();
    await services.incidents.addNote(incident.id, 'Switch-over done, wards on mains');
    expect(await within(dialog).findByText('2 entries by Sam Okafor — Planning Section Chief in this period, of 2 entries in all.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Copy activity log' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    expect(writeText.mock.calls[0]![0]).toMatch(/ · Note\n {2}Wards told to expect a switch-over\n- .* · Note\n {2}Switch-over done, wards on mains\n/);
  });

  it('refuses a period that ends before it starts, says what to do, and copies nothing', async () => {
    const { user } = await twoPeopleIncident();
    const writeText = mockClipboard();
    await user.click(screen.getByRole('button', { name: 'Activity log' }));
    const dialog = screen.getByRole('dialog', { name: 'Activity log (HICS 214)' });
    // Sam is at the keyboard and made entries here, so his log comes first.
    expect(within(dialog).getByLabelText('Name and position')).toHaveDisplayValue('Sam Okafor — Planning Section Chief (1 entry)');
    // Up to now unless an end is set: unticked, the end starts at this minute.
    await user.click(within(dialog).getByRole('checkbox', { name: 'Up to now' }));
    const to = within(dialog).getByLabelText('To');
    expect((to as HTMLInputElement).value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    // The end it starts with (the next minute) still holds the note made seconds ago.
    expect(within(dialog).getByText(/^1 entry by Sam Okafor — Planning Section Chief in this period/)).toBeInTheDocument();
    await user.clear(to);
    await user.type(to, '2020-01-01T08:00');
    // Said on the spot, without an alarm, before anything is pressed.
    expect(within(dialog).getByText('The period ends before it starts: set “To” to a time after “From”.', { selector: 'p.activity-log-count' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Copy activity log' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The period ends before it starts: set “To” to a time after “From”.');
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to).toHaveFocus();
    expect(writeText).not.toHaveBeenCalled();

    await user.clear(to);
    await user.click(within(dialog).getByRole('button', { name: 'Print activity log' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Enter when the period ends (date and time), or tick “Up to now”.');
    // Ticked again: up to now, nothing to fix.
    await user.click(within(dialog).getByRole('checkbox', { name: 'Up to now' }));
    expect(within(dialog).getByText(/^1 entry by Sam Okafor — Planning Section Chief in this period/)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Printable activity log' })).toBeNull();
  });

  it('keeps the chosen person and a typed period across Escape and reopening, whatever the timeline filter does meanwhile', async () => {
    const { user } = await twoPeopleIncident();
    const opener = screen.getByRole('button', { name: 'Activity log' });
    await user.click(opener);
    let dialog = screen.getByRole('dialog', { name: 'Activity log (HICS 214)' });
    await user.selectOptions(within(dialog).getByLabelText('Name and position'), 'Amira Haddad — Facility Unit Leader (2 entries)');
    const from = within(dialog).getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2026-11-27T07:00');
    // The filter moves, the open dialog stays on its person.
    await user.selectOptions(screen.getByLabelText('Entries by'), 'Sam Okafor — Planning Section Chief (1)');
    expect(within(dialog).getByLabelText('Name and position')).toHaveDisplayValue('Amira Haddad — Facility Unit Leader (2 entries)');
    within(dialog).getByLabelText('From').focus();
    await user.keyboard('{Escape}');
    expect(opener).toHaveFocus();

    // Reopened: the person picked in the dialog comes back (over the filter), with the typed start.
    await user.click(opener);
    dialog = screen.getByRole('dialog', { name: 'Activity log (HICS 214)' });
    expect(within(dialog).getByLabelText('Name and position')).toHaveDisplayValue('Amira Haddad — Facility Unit Leader (2 entries)');
    expect(within(dialog).getByLabelText('From')).toHaveValue('2026-11-27T07:00');
  });

  it('lets S through with the log open and focus elsewhere (its choices are kept, nothing typed is lost)', async () => {
    const { user } = await twoPeopleIncident();
    await user.click(screen.getByRole('button', { name: 'Activity log' }));
    const from = within(screen.getByRole('dialog', { name: 'Activity log (HICS 214)' })).getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2026-11-27T07:00');
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('s');
    await screen.findByRole('region', { name: 'Statistics' });
    await user.click(screen.getByRole('button', { name: 'Close statistics' }));
    await screen.findByRole('article', { name: 'Generator B failed' });
    await user.click(screen.getByRole('button', { name: 'Activity log' }));
    expect(within(screen.getByRole('dialog', { name: 'Activity log (HICS 214)' })).getByLabelText('From')).toHaveValue('2026-11-27T07:00');
  });

  it('names linked and duplicated incidents by number in the copied and the printed log, never as "another incident"', async () => {
    const desk = await renderDesk();
    await setCurrentUser(desk.db, AMIRA);
    const survivor = await desk.seed({ title: 'Block A dark' });
    const incident = await desk.openSeeded({ title: 'Block A no lights' });
    expect((await desk.services.incidents.link(incident.id, survivor.number, 'related')).ok).toBe(true);
    expect((await desk.services.incidents.changeStatus(incident.id, 'cancelled', { cancelReason: 'Recorded twice', duplicateOf: survivor.id })).ok).toBe(true);
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    await within(timeline).findByText(`Linked ${survivor.number} (related)`);
    const writeText = mockClipboard();
    let printedText = '';
    vi.spyOn(window, 'print').mockImplementation(() => {
      printedText = screen.getByRole('region', { name: 'Printable activity log' }).textContent;
    });

    await desk.user.click(screen.getByRole('button', { name: 'Activity log' }));
    const dialog = screen.getByRole('dialog', { name: 'Activity log (HICS 214)' });
    await desk.user.click(within(dialog).getByRole('button', { name: 'Copy activity log' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const text = writeText.mock.calls[0]![0];
    expect(text).toContain(` · Link\n  Linked ${survivor.number} (related)\n`);
    expect(text).toMatch(new RegExp(` · Status\\n {2}New → Cancelled · Cancel reason: Recorded twice · Duplicate of: ${survivor.number}\\n`));
    expect(text).not.toContain('another incident');
    expect(text).not.toContain(survivor.id);

    await desk.user.click(within(dialog).getByRole('button', { name: 'Print activity log' }));
    const table = within(screen.getByRole('region', { name: 'Printable activity log' })).getByRole('table');
    expect(within(table).getByRole('row', { name: new RegExp(`Link Linked ${survivor.number} \\(related\\)$`) })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: new RegExp(`Duplicate of: ${survivor.number}$`) })).toBeInTheDocument();
    expect(printedText).not.toContain('another incident');
  });

  it('prints the log as a table outside the app, removes it after printing, and Escape returns to the button', async () => {
    const { user, incident } = await twoPeopleIncident();
    let printedText = '';
    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      printedText = screen.getByRole('region', { name: 'Printable activity log' }).textContent;
    });
    await user.click(screen.getByRole('button', { name: 'Activity log' }));
    const dialog = screen.getByRole('dialog', { name: 'Activity log (HICS 214)' });
    await user.selectOptions(within(dialog).getByLabelText('Name and position'), 'Amira Haddad — Facility Unit Leader (2 entries)');
    await user.click(within(dialog).getByRole('button', { name: 'Print activity log' }));

    expect(print).toHaveBeenCalledTimes(1);
    const block = screen.getByRole('region', { name: 'Printable activity log' });
    expect(block.textContent).toBe(printedText);
    expect(block.parentElement).toBe(document.body);
    expect(within(block).getByRole('heading', { level: 1 })).toHaveTextContent(`${incident.number} — Generator B failed`);
    const table = within(block).getByRole('table', { name: 'Notable activities (2 entries)' });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]!).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Date/time', 'Notable activity']);
    expect(rows[3]).toHaveTextContent(/Note Fuel level read at 40 %$/);
    expect(within(block).getByText(/^Prepared by: Amira Haddad \(Facility Unit Leader\), /)).toBeInTheDocument();
    // Every printed page repeats the table head, which names the log.
    expect(within(rows[0]!).getByRole('cell')).toHaveTextContent(`${incident.number} · Amira Haddad (Facility Unit Leader)`);

    window.dispatchEvent(new Event('afterprint'));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Printable activity log' })).toBeNull());

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Activity log (HICS 214)' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Activity log' })).toHaveFocus();
    expect(screen.getByRole('article', { name: 'Generator B failed' })).toBeInTheDocument();
  });
});
