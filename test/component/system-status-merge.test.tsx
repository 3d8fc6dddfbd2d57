// Facility systems (HICS 251) across laptops: a snapshot records only what its author changed, so it never overwrites another laptop's newer report; Escape closes the form first.
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc, type TimelineEvent } from '../../shared/domain';
import { currentSystemStatus, type SystemStatusEvent } from '../../shared/domain/system-status';
import type { LanternDb } from '../../renderer/db';
import { renderDesk } from './support/render-desk';

const snapshots = async (db: LanternDb) =>
  (await db.timeline.toArray()).filter((event): event is SystemStatusEvent => event.kind === 'system_status');

/** Another laptop's snapshot naming only Water, stamped just after `after` (earlier than anything recorded here later), stored as a pull would. */
async function arriveFromLaptopA(db: LanternDb, after: SystemStatusEvent): Promise<void> {
  const stamp = parseHlc(after.hlc);
  const event: TimelineEvent = {
    ...after,
    id: `${after.id}-laptop-a`,
    hlc: formatHlc({ wallMs: stamp.wallMs + 1, counter: 0, node: 'laptop-a' }),
    deviceId: 'laptop-a',
    author: { name: 'Ana Offline', position: 'Facility Unit Leader' },
    systems: [{ system: 'Water', state: 'non_functional', reason: 'Main burst', repairEstimate: '' }],
  };
  await db.timeline.add(event);
}

/** Opens an incident with a first snapshot of a full round (all 16 systems fully functional, box ticked) and opens the form again. */
async function withFirstSnapshot(title: string) {
  const desk = await renderDesk();
  const { user, openSeeded, db } = desk;
  await openSeeded({ title, category: ['Facility', 'Power & utility failure'] });
  const article = screen.getByRole('article', { name: title });
  const section = within(article).getByRole('region', { name: 'Facility systems' });
  await user.click(within(section).getByRole('button', { name: 'Record system status' }));
  await user.click(within(section).getByRole('checkbox', { name: 'Also record the unchanged systems as checked now' }));
  await user.click(within(section).getByRole('button', { name: 'Save snapshot' }));
  expect(await within(section).findByText(/All 16 fully functional/)).toBeInTheDocument();
  const [first] = await snapshots(db);
  await user.click(within(section).getByRole('button', { name: 'Record system status' }));
  const form = within(section).getByRole('form', { name: 'Record system status' });
  expect(within(form).getByLabelText('Water state')).toHaveValue('functional');
  return { ...desk, article, section, form, first: first! };
}

describe('facility system status across laptops', { timeout: 45_000 }, () => {
  it("a snapshot holds only the systems changed: another laptop's newer Water report survives a save from a form opened before it", async () => {
    const { user, db, section, form, first } = await withFirstSnapshot('Hospital power failure');
    expect(within(form).getByRole('checkbox', { name: 'Also record the unchanged systems as checked now' })).not.toBeChecked();

    // Nothing changed yet: refused with what to do, nothing written.
    await user.click(within(form).getByRole('button', { name: 'Save snapshot' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent("Nothing changed: change a system's state, reason or estimate, or add one.");
    expect(await snapshots(db)).toHaveLength(1);

    // Laptop A's Water report syncs in while this form still shows Water fully functional.
    await arriveFromLaptopA(db, first);
    expect(await within(section).findByText(/^1 non-functional/)).toBeInTheDocument();
    expect(within(form).getByLabelText('Water state')).toHaveValue('functional');

    await user.selectOptions(within(form).getByLabelText('Normal power state'), 'Partially functional');
    await user.type(within(form).getByLabelText('Normal power reason'), 'On generator');
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Save snapshot' }));
    await waitFor(() => expect(within(section).queryByRole('form')).not.toBeInTheDocument());

    const all = await snapshots(db);
    expect(all).toHaveLength(3);
    const mine = all.find((event) => event.id !== first.id && event.deviceId !== 'laptop-a')!;
    expect(mine.systems).toEqual([{ system: 'Normal power', state: 'partial', reason: 'On generator', repairEstimate: '' }]);
    const water = currentSystemStatus(all).systems.find((line) => line.system === 'Water')!;
    expect(water).toMatchObject({ state: 'non_functional', reason: 'Main burst', by: { name: 'Ana Offline' } });
    expect(await within(section).findByText(/^1 non-functional, 1 partial/)).toBeInTheDocument();
  });

  it('"Also record the unchanged systems as checked now" records the full round, except a system another laptop recorded meanwhile', async () => {
    const { user, db, section, form, first } = await withFirstSnapshot('Generator test');
    await arriveFromLaptopA(db, first);
    expect(await within(section).findByText(/^1 non-functional/)).toBeInTheDocument();

    const round = within(form).getByRole('checkbox', { name: 'Also record the unchanged systems as checked now' });
    expect(round).toHaveAccessibleDescription(/Tick this after a full round/);
    await user.click(round);
    await user.selectOptions(within(form).getByLabelText('Normal power state'), 'Partially functional');
    await user.type(within(form).getByLabelText('Normal power reason'), 'On generator');
    await user.click(within(form).getByRole('button', { name: 'Save snapshot' }));
    await waitFor(() => expect(within(section).queryByRole('form')).not.toBeInTheDocument());

    const all = await snapshots(db);
    const mine = all.find((event) => event.id !== first.id && event.deviceId !== 'laptop-a')!;
    // The 16 systems shown minus Water, which laptop A reported while the form was open.
    expect(mine.systems).toHaveLength(15);
    expect(mine.systems[0]).toEqual({ system: 'Normal power', state: 'partial', reason: 'On generator', repairEstimate: '' });
    expect(mine.systems.some((line) => line.system === 'Water')).toBe(false);
    const status = currentSystemStatus(all);
    expect(status.systems.find((line) => line.system === 'Water')).toMatchObject({ state: 'non_functional' });
    expect(status.systems.find((line) => line.system === 'Elevators')).toMatchObject({ eventId: mine.id });
  });

  it('Escape with focus outside the form closes the form, not the incident, and focus returns to "Record system status"', async () => {
    const { user, openSeeded, db } = await renderDesk();
    await openSeeded({ title: 'Water outage, east wing', category: ['Facility', 'Water & plumbing'] });
    const section = within(screen.getByRole('article', { name: 'Water outage, east wing' })).getByRole('region', { name: 'Facility systems' });
    await user.click(within(section).getByRole('button', { name: 'Record system status' }));
    const form = within(section).getByRole('form', { name: 'Record system status' });
    await user.type(within(form).getByLabelText('Water reason'), 'Pressure low');
    act(() => (document.activeElement as HTMLElement).blur());
    expect(document.activeElement).toBe(document.body);

    await user.keyboard('{Escape}');
    expect(within(section).queryByRole('form')).not.toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Water outage, east wing' })).toBeInTheDocument();
    await waitFor(() => expect(within(section).getByRole('button', { name: 'Record system status' })).toHaveFocus());
    expect(await snapshots(db)).toHaveLength(0);
  });
});
