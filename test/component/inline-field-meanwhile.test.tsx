// An editor left open while another laptop's change syncs in: it never silently undoes that change (review finding H1).
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fromIncidentRow } from '../../renderer/db/incident-row';
import { createDexieReplica } from '../../renderer/db/sync-replica';
import { editIncident, type EditableFields, type Incident } from '../../shared/domain';
import { highestStamp } from '../../shared/sync/engine';
import { MemoryReplica } from '../unit/shared/sync/support/memory-replica';
import { renderDesk } from './support/render-desk';

type Desk = Awaited<ReturnType<typeof renderDesk>>;

/** Laptop A (in memory) learns this desk's incident, edits it, and this desk pulls A's change as the sync engine does. */
async function otherLaptop(desk: Desk) {
  const replica = createDexieReplica(desk.db);
  const a = new MemoryReplica('0190a000-0000-7000-8000-00000000000a', () => Date.now());
  let pages = 0;
  const page = (ops: Awaited<ReturnType<typeof replica.pendingOps>>) => ({ epoch: 'e1', cursor: `c${++pages}`, ops, highestStamp: highestStamp(ops), serverTime: Date.now() });
  const mine = await replica.pendingOps(1000);
  await a.applyPulledPage(page(mine));
  return {
    a,
    /** A edits the incident and this desk pulls the change. */
    async edits(id: string, edits: Partial<EditableFields>) {
      const op = a.commit((ctx) => editIncident(a.incident(id)!, edits, ctx));
      if (!op) throw new Error('A could not edit');
      await replica.applyPulledPage(page([op]));
      return op;
    },
    /** This desk's own changes not yet sent. */
    pending: () => replica.pendingOps(1000),
  };
}

/** The incident as stored on this desk. */
async function stored(desk: Desk, id: string): Promise<Incident> {
  const row = await desk.db.incidents.get(id);
  if (!row) throw new Error('incident not stored');
  return fromIncidentRow(row);
}

describe('an editor open while a change syncs in', { timeout: 30_000 }, () => {
  it('Save with the box as it opened writes nothing and keeps the site from the other laptop', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Feeder 12 outage' });
    const article = screen.getByRole('article', { name: 'Feeder 12 outage' });
    const laptop = await otherLaptop(desk);
    const before = (await laptop.pending()).length;

    await desk.user.click(within(article).getByRole('button', { name: 'Edit Site' }));
    expect(screen.getByLabelText('Site')).toHaveValue('');
    await laptop.edits(incident.id, { site: ['Feeder 12, pole 31'] });

    const alert = await within(article).findByRole('alert');
    expect(alert).toHaveTextContent('Changed meanwhile (on another device or window) to: Feeder 12, pole 31');
    expect(alert).toHaveTextContent('Yours: (empty)');

    await desk.user.click(within(article).getByRole('button', { name: 'Save Site' }));
    await waitFor(() => expect(within(article).getByText('No change to Site.')).toBeInTheDocument());
    expect(within(article).getByRole('button', { name: 'Edit Site' })).toHaveFocus();
    expect(within(article).getByText('Feeder 12, pole 31')).toBeInTheDocument();
    expect((await stored(desk, incident.id)).site).toEqual(['Feeder 12, pole 31']);
    expect(await laptop.pending()).toHaveLength(before);
  });

  it('shows both values, and Use the new value keeps the other value without writing', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Pump house flooded' });
    const article = screen.getByRole('article', { name: 'Pump house flooded' });
    const laptop = await otherLaptop(desk);
    const before = (await laptop.pending()).length;

    await desk.user.click(within(article).getByRole('button', { name: 'Edit Site' }));
    await desk.user.type(screen.getByLabelText('Site'), 'Pump house 2');
    await laptop.edits(incident.id, { site: ['Pump house 1'] });

    const alert = await within(article).findByRole('alert');
    expect(alert).toHaveTextContent('to: Pump house 1');
    expect(alert).toHaveTextContent('Yours: Pump house 2');
    // Enter (Save) does not write over it: it leads to the choice.
    await desk.user.keyboard('{Enter}');
    expect(within(article).getByRole('button', { name: 'Save mine anyway: Site' })).toHaveFocus();
    expect(await laptop.pending()).toHaveLength(before);

    await desk.user.click(within(article).getByRole('button', { name: 'Use the new value: Site' }));
    await waitFor(() => expect(within(article).getByRole('button', { name: 'Edit Site' })).toHaveFocus());
    expect(within(article).getByText('Pump house 1')).toBeInTheDocument();
    expect(within(article).getByText('Site kept as changed meanwhile.')).toBeInTheDocument();
    expect((await stored(desk, incident.id)).site).toEqual(['Pump house 1']);
    expect(await laptop.pending()).toHaveLength(before);
  });

  it('Save mine anyway writes it, based on the stamp the desk held when the box opened', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Substation alarm', reporter: 'Dana' });
    const article = screen.getByRole('article', { name: 'Substation alarm' });
    const laptop = await otherLaptop(desk);
    const openedStamp = incident.stamps.reporter;

    await desk.user.click(within(article).getByRole('button', { name: 'Edit Reporter' }));
    await desk.user.clear(screen.getByLabelText('Reporter'));
    await desk.user.type(screen.getByLabelText('Reporter'), 'Dana Lee');
    const theirs = await laptop.edits(incident.id, { reporter: 'Sam Patel' });
    expect(await within(article).findByRole('alert')).toHaveTextContent('to: Sam Patel');

    await desk.user.click(within(article).getByRole('button', { name: 'Save mine anyway: Reporter' }));
    await waitFor(() => expect(within(article).getByText('Reporter saved.')).toBeInTheDocument());
    expect((await stored(desk, incident.id)).reporter).toBe('Dana Lee');
    expect(await within(article).findByText('Dana Lee')).toBeInTheDocument();
    const mine = (await laptop.pending()).at(-1)!;
    expect(mine.set).toEqual({ reporter: 'Dana Lee' });
    // Not "after seeing Sam Patel" (A's stamp) but the one held on opening: the merge sees two concurrent changes.
    expect(mine.base).toEqual({ reporter: openedStamp });
    expect(mine.base?.reporter).not.toBe(theirs.hlc);

    // A, receiving it, lists the conflict.
    await laptop.a.applyPulledPage({ epoch: 'e1', cursor: 'back', ops: [mine], highestStamp: highestStamp([mine]), serverTime: Date.now() });
    expect(laptop.a.conflictList().map((c) => c.field)).toEqual(['reporter']);
  });

  it('an ordinary save, with nothing changed meanwhile, shows no notice and is based on the current stamp', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Gate 4 jammed' });
    const article = screen.getByRole('article', { name: 'Gate 4 jammed' });
    const laptop = await otherLaptop(desk);
    await laptop.edits(incident.id, { site: ['Gate 4'] });
    await within(article).findByText('Gate 4');
    const now = await stored(desk, incident.id);

    await desk.user.click(within(article).getByRole('button', { name: 'Edit Site' }));
    await desk.user.clear(screen.getByLabelText('Site'));
    await desk.user.type(screen.getByLabelText('Site'), 'Gate 5');
    await desk.user.click(within(article).getByRole('button', { name: 'Save Site' }));
    await waitFor(() => expect(within(article).getByText('Site saved.')).toBeInTheDocument());
    expect(within(article).queryByRole('alert')).toBeNull();
    const mine = (await laptop.pending()).at(-1)!;
    expect(mine.base).toEqual({ site: now.stamps.site });
  });

  it('the commander editor: the notice, then Save mine anyway is recorded as concurrent with the name synced in', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Grid substation fire', major: true });
    const article = screen.getByRole('article', { name: 'Grid substation fire' });
    const laptop = await otherLaptop(desk);

    await desk.user.click(within(article).getByRole('button', { name: 'Edit Incident commander' }));
    await desk.user.type(screen.getByRole('combobox', { name: 'Incident commander' }), 'Ari Cole');
    await laptop.edits(incident.id, { commander: 'Jo Kim' });
    const alert = await within(article).findByRole('alert');
    expect(alert).toHaveTextContent('Changed meanwhile (on another device or window) to: Jo Kim');
    expect(alert).toHaveTextContent('Yours: Ari Cole');

    await desk.user.click(within(article).getByRole('button', { name: 'Save mine anyway: Incident commander' }));
    await waitFor(() => expect(within(article).getByText('Incident commander saved.')).toBeInTheDocument());
    expect((await stored(desk, incident.id)).commander).toBe('Ari Cole');
    const mine = (await laptop.pending()).at(-1)!;
    expect(mine.base).toEqual({ commander: incident.stamps.commander ?? null });
    await laptop.a.applyPulledPage({ epoch: 'e1', cursor: 'back', ops: [mine], highestStamp: highestStamp([mine]), serverTime: Date.now() });
    expect(laptop.a.conflictList().map((c) => c.field)).toEqual(['commander']);
  });

  it('a time editor left as it opened writes nothing over a time synced in', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Water main burst' });
    const article = screen.getByRole('article', { name: 'Water main burst' });
    const laptop = await otherLaptop(desk);
    const before = (await laptop.pending()).length;

    await desk.user.click(within(article).getByRole('button', { name: 'Edit Detected' }));
    await laptop.edits(incident.id, { detectedAt: incident.occurredAt });
    const alert = await within(article).findByRole('alert');
    expect(alert).toHaveTextContent('Changed meanwhile (on another device or window) to:');
    expect(alert).toHaveTextContent('Yours: (empty)');

    await desk.user.click(within(article).getByRole('button', { name: 'Save Detected' }));
    await waitFor(() => expect(within(article).getByText('No change to Detected.')).toBeInTheDocument());
    expect((await stored(desk, incident.id)).detectedAt).toEqual(incident.occurredAt);
    expect(await laptop.pending()).toHaveLength(before);
  });
});
