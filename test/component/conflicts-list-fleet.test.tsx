// Sync settings → Conflicts in a fleet: this device's clashes first, the others behind a count; a status clash is one entry.
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import type { LanternDb } from '../../renderer/db';
import { conflictsTable } from '../../renderer/db/sync-rows';
import { ConflictsList } from '../../renderer/features/sync/conflicts-list';
import { createBrowserHost } from '../../renderer/host/browser-host';
import { changeStatus, editIncident, recordIncident } from '../../shared/domain';
import { highestStamp } from '../../shared/sync/engine';
import type { Operation } from '../../shared/sync/operation';
import { FLEET_START, openFleet } from './support/conflict-fleet';

configure({ asyncUtilTimeout: 4000 });
const START = FLEET_START;
let db: LanternDb;

afterEach(() => db?.close());

async function setup() {
  const f = await openFleet('conflicts-list-fleet');
  db = f.db;
  const { repo } = f;
  const services: Services = { db, incidents: repo, host: createBrowserHost() };
  const user = userEvent.setup();
  const show = () =>
    render(
      <ServicesProvider services={services}>
        <ConflictsList />
      </ServicesProvider>,
    );
  return { repo, b: f.b, c: f.c, user, show, advance: f.advance, pull: f.pull, own: f.own };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** B records an incident, C learns of it, both retitle it offline: one conflict between two other laptops. */
async function othersClash(f: Setup, title: string): Promise<Operation[]> {
  const created = f.b.commit((ctx) => recordIncident({ title }, 1, 'BBBB', ctx))!;
  await f.c.applyPulledPage({ epoch: 'e1', cursor: `x-${title}`, ops: [created], highestStamp: highestStamp([created]), serverTime: START });
  const fromB = f.b.commit((ctx) => editIncident(f.b.incident(created.incidentId)!, { title: `${title} (B)` }, ctx))!;
  f.advance(1000);
  const fromC = f.c.commit((ctx) => editIncident(f.c.incident(created.incidentId)!, { title: `${title} (C)` }, ctx))!;
  return [created, fromB, fromC];
}

/** This device records an incident that B knows, then this device resolves it while B puts it on hold (B later: B wins). */
async function statusClash(f: Setup) {
  const recorded = await f.repo.record({ title: 'Printer jammed' });
  if (!recorded.ok) throw new Error(recorded.error.message);
  const mine = await f.own();
  await f.b.applyPulledPage({ epoch: 'e1', cursor: 'm', ops: mine, highestStamp: highestStamp(mine), serverTime: START });
  const resolved = await f.repo.changeStatus(recorded.value.id, 'resolved', { resolutionCode: 'Hardware repaired', resolutionNotes: 'A resolved it' });
  if (!resolved.ok) throw new Error(resolved.error.message);
  f.advance(1000);
  const held = f.b.commit((ctx) => changeStatus(f.b.incident(recorded.value.id)!, 'on_hold', { holdReason: 'Awaiting vendor', assignee: 'Bob' }, ctx))!;
  await f.pull([held]);
  return recorded.value;
}

describe('Sync settings → Conflicts in a fleet', { timeout: 20_000 }, () => {
  it('shows the clash this device took part in, and the other devices ones behind a count that opens them', async () => {
    const f = await setup();
    for (let i = 1; i <= 3; i++) await f.pull(await othersClash(f, `Outage ${i}`));
    const incident = await statusClash(f);
    f.show();
    const region = screen.getByRole('region', { name: 'Conflicts' });
    const mine = await within(region).findByRole('list', { name: 'Conflicts with changes made on this device' });
    expect(within(mine).getAllByRole('listitem').map((item) => item.getAttribute('aria-label'))).toEqual([`Conflict ${incident.number} Printer jammed: Status`]);
    expect(within(region).queryByRole('list', { name: 'Conflicts between other devices' })).toBeNull();

    const more = within(region).getByRole('button', { name: 'Also 3 conflicts from other devices' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await f.user.click(more);
    const others = within(region).getByRole('list', { name: 'Conflicts between other devices' });
    expect(within(others).getAllByRole('listitem')).toHaveLength(3);
    expect(within(region).getByRole('button', { name: 'Hide the 3 conflicts from other devices' })).toHaveAttribute('aria-expanded', 'true');

    // Looked at on this laptop in one go; this device's own clash stays.
    await f.user.click(within(region).getByRole('button', { name: 'Keep all 3 conflicts from other devices' }));
    await waitFor(() => expect(within(region).queryByRole('button', { name: /from other devices/ })).toBeNull());
    expect((await conflictsTable(db).toArray()).filter((row) => row.resolvedAt === undefined).map((row) => row.incidentId)).toEqual(
      expect.arrayContaining([incident.id]),
    );
    expect(within(region).getAllByRole('listitem')).toHaveLength(1);
  });

  it('says when none involve this device, and still offers the others', async () => {
    const f = await setup();
    await f.pull(await othersClash(f, 'Outage 1'));
    f.show();
    const region = screen.getByRole('region', { name: 'Conflicts' });
    expect(await within(region).findByText('None involve a change made on this device.')).toBeInTheDocument();
    await f.user.click(within(region).getByRole('button', { name: 'Also 1 conflict from other devices' }));
    expect(within(region).getByRole('listitem', { name: /^Conflict BBBB-0001 Outage 1 \(C\): Title$/ })).toBeInTheDocument();
  });

  it('one status clash is one entry with what each side set, and Keep settles all of its parts together', async () => {
    const f = await setup();
    const incident = await statusClash(f);
    expect(await conflictsTable(db).count()).toBe(4);
    f.show();
    const region = screen.getByRole('region', { name: 'Conflicts' });
    const item = await within(region).findByRole('listitem', { name: `Conflict ${incident.number} Printer jammed: Status` });
    expect(within(region).getAllByRole('listitem')).toHaveLength(1);
    const definitions = within(item).getAllByRole('definition').map((definition) => definition.textContent);
    expect(definitions).toEqual([
      'On hold',
      'Hold reason: Awaiting vendor',
      expect.stringMatching(/on another device \(…00000b\), /),
      'Resolved',
      'Resolution code: Hardware repaired',
      'Resolution notes: A resolved it',
      expect.stringMatching(/on this device, /),
    ]);
    expect(item).not.toHaveTextContent('Hold reason: —');
    // A status moves with its companions through the incident's transitions, never one field at a time here.
    expect(within(item).queryByRole('button', { name: /Use the other value/ })).toBeNull();
    expect(within(item).getByText('Change the status from the incident itself.')).toBeInTheDocument();

    await f.user.click(within(item).getByRole('button', { name: `Keep the current value for ${incident.number} Printer jammed: Status` }));
    expect(await within(region).findByText(/^No conflicts/)).toBeInTheDocument();
    const rows = await conflictsTable(db).toArray();
    expect(rows.map((row) => row.field).sort()).toEqual(['holdReason', 'resolutionCode', 'resolutionNotes', 'status']);
    expect(rows.every((row) => row.resolvedAt !== undefined)).toBe(true);
    const stored = await db.incidents.get(incident.id);
    expect(stored).toMatchObject({ status: 'on_hold', holdReason: 'Awaiting vendor', resolutionCode: null, resolutionNotes: null });
  });
});
