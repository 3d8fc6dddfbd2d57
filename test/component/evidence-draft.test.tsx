// The evidence form keeps a per-incident, per-person draft (one for a new item, one per item for a custody link): back after Escape, another incident or a reload, gone with Discard or the save.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, getTimeline } from '../../renderer/db';
import { prepareAttachment } from '../../renderer/db/attachments';
import { DEFAULT_AUTHOR, setCurrentUser } from '../../renderer/db/current-user';
import { createCustodyRepository } from '../../renderer/db/custody';
import { createEntryRecorder } from '../../renderer/db/entry-record';
import { saveEntryDraft } from '../../renderer/db/entry-drafts';
import { EvidenceSection } from '../../renderer/features/incidents/evidence-section';
import { toDateTimeLocalValue } from '../../renderer/features/format';
import { createBrowserHost } from '../../renderer/host/browser-host';
import { ago, must, stubObjectUrls } from './support/evidence-kit';
import { freshCaptureDb, testFile } from './support/render-capture';
import { renderDesk } from './support/render-desk';

stubObjectUrls();

describe('evidence form draft', { timeout: 40_000 }, () => {
  it('a new item: kept on Escape and across incidents, announced when restored, and deleted by the save', async () => {
    const { user, seed, db } = await renderDesk();
    await setCurrentUser(db, { name: 'Ana Field', position: 'IT Security' });
    const incident = await seed({ title: 'Ransomware on finance laptops' });
    await seed({ title: 'Lift 3 stuck' });
    const openCollect = async (title: string) => {
      await user.click(await screen.findByRole('button', { name: title }));
      const article = await screen.findByRole('article', { name: title });
      const evidence = within(article).getByRole('region', { name: /Evidence/ });
      await user.click(within(evidence).getByRole('button', { name: 'Collect evidence' }));
      return within(evidence).getByRole('dialog', { name: 'Collect evidence' });
    };
    const handled = toDateTimeLocalValue(ago(30).ms);

    let form = await openCollect('Ransomware on finance laptops');
    await user.type(within(form).getByLabelText('Item'), 'Laptop, serial 5CG1234');
    await user.type(within(form).getByLabelText('Location'), 'Finance office, desk 4');
    await user.clear(within(form).getByLabelText('Handled at'));
    await user.type(within(form).getByLabelText('Handled at'), handled);
    await user.type(within(form).getByLabelText('Notes'), 'Sealed in bag 7');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Collect evidence' })).toBeNull();
    const draftId = `evidence:${incident.id}:Ana Field`;
    await waitFor(async () => expect((await db.drafts.get(draftId))?.values).toMatchObject({ item: 'Laptop, serial 5CG1234', notes: 'Sealed in bag 7' }));

    await user.click(screen.getByRole('button', { name: 'Collect evidence' }));
    form = screen.getByRole('dialog', { name: 'Collect evidence' });
    await waitFor(() => expect(within(form).getByLabelText('Item')).toHaveValue('Laptop, serial 5CG1234'));
    expect(within(form).getByRole('status')).toHaveTextContent('Draft restored');
    expect(within(form).getByLabelText('Location')).toHaveValue('Finance office, desk 4');
    expect(within(form).getByLabelText('Handled at')).toHaveValue(handled);
    expect(within(form).getByLabelText('Notes')).toHaveValue('Sealed in bag 7');
    expect(within(form).getByLabelText('Collected by')).toHaveValue('Ana Field');
    await user.type(within(form).getByLabelText('Notes'), ', photographed');

    // Hidden (its last keystrokes written as the form goes), another incident's form is blank, then back.
    await user.click(screen.getByRole('button', { name: 'Back to list' }));
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    form = await openCollect('Lift 3 stuck');
    expect(within(form).getByLabelText('Item')).toHaveValue('');
    expect(within(form).queryByText('Draft restored')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Back to list' }));
    form = await openCollect('Ransomware on finance laptops');
    await waitFor(() => expect(within(form).getByLabelText('Notes')).toHaveValue('Sealed in bag 7, photographed'));

    // Saved: the item is collected as restored, and its draft went with it.
    await user.click(within(form).getByRole('button', { name: 'Collect item' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Collect evidence' })).toBeNull());
    const items = await screen.findByRole('list', { name: 'Evidence items' });
    expect(within(items).getByText('Laptop, serial 5CG1234').closest('li')).toHaveTextContent('Held by Ana Field · at Finance office, desk 4');
    const [collected] = (await getTimeline(db, incident.id)).filter((event) => event.kind === 'custody');
    expect(collected).toMatchObject({ notes: 'Sealed in bag 7, photographed', handledAt: { utc: new Date(handled).toISOString() } });
    expect(await db.drafts.get(draftId)).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Collect evidence' }));
    expect(screen.getByLabelText('Item')).toHaveValue('');
    expect(screen.queryByText('Draft restored')).toBeNull();
  });

  it('a custody link: each item keeps its own draft (action, person, file, time); Discard empties it, the save deletes it', async () => {
    const { user, seed, db } = await renderDesk();
    await setCurrentUser(db, { name: 'Dana Ortiz', position: 'Facility Unit Leader' });
    const incident = await seed({ title: 'Total mains power loss, East Wing' });
    const file = must(await prepareAttachment({ blob: await testFile('imaging log', 'imaging-log.txt', 'text/plain'), name: 'imaging-log.txt' }));
    must(await createEntryRecorder(db).addNote(incident.id, 'Imaging log', [file]));
    const custody = createCustodyRepository(db);
    const laptop = must(await custody.collect(incident.id, { item: 'Laptop', to: 'Dana Ortiz', location: 'Facilities office', handledAt: ago(50).time }));
    const stick = must(await custody.collect(incident.id, { item: 'USB stick', to: 'Dana Ortiz', location: 'Facilities office', handledAt: ago(50).time }));
    await user.click(await screen.findByRole('button', { name: 'Total mains power loss, East Wing' }));
    const article = await screen.findByRole('article', { name: 'Total mains power loss, East Wing' });
    const rowOf = async (name: string) => (await within(article).findByText(name)).closest('li')!;
    const openLink = async (name: string) => {
      const row = await rowOf(name);
      await user.click(within(row).getByRole('button', { name: /Record custody/ }));
      return within(row).getByRole('dialog', { name: `Record custody: ${name}` });
    };
    const handled = toDateTimeLocalValue(ago(20).ms);

    let form = await openLink('Laptop');
    await user.selectOptions(within(form).getByLabelText('Action'), 'Returned to owner');
    await user.type(within(form).getByLabelText('Returned to'), 'Carla Finance');
    await user.clear(within(form).getByLabelText('Handled at'));
    await user.type(within(form).getByLabelText('Handled at'), handled);
    await user.selectOptions(within(form).getByLabelText('File'), `imaging-log.txt · ${file.sha256.slice(0, 12)}…`);
    await user.type(within(form).getByLabelText('Notes'), 'Signed receipt');
    await user.click(within(form).getByRole('button', { name: 'Back' }));

    // Another item's link starts blank, and what is typed there does not replace the laptop's.
    form = await openLink('USB stick');
    expect(within(form).getByLabelText('Action')).toHaveValue('transferred');
    expect(within(form).getByLabelText('Notes')).toHaveValue('');
    await user.type(within(form).getByLabelText('Notes'), 'Stick still sealed');
    await user.keyboard('{Escape}');

    form = await openLink('Laptop');
    await waitFor(() => expect(within(form).getByLabelText('Action')).toHaveValue('returned'));
    expect(within(form).getByRole('status')).toHaveTextContent('Draft restored');
    expect(within(form).getByLabelText('Returned to')).toHaveValue('Carla Finance');
    expect(within(form).getByLabelText('Handled at')).toHaveValue(handled);
    expect(within(form).getByLabelText('File')).toHaveValue(file.sha256);
    expect(within(form).getByLabelText('Notes')).toHaveValue('Signed receipt');
    expect(within(form).getByLabelText('From')).toHaveValue('Dana Ortiz');

    const laptopDraft = `custody:${incident.id}:${laptop.kind === 'custody' ? laptop.itemId : ''}:Dana Ortiz`;
    const stickDraft = `custody:${incident.id}:${stick.kind === 'custody' ? stick.itemId : ''}:Dana Ortiz`;
    await user.click(within(form).getByRole('button', { name: 'Discard draft' }));
    expect(within(form).getByLabelText('Notes')).toHaveValue('');
    expect(within(form).getByLabelText('Action')).toHaveValue('transferred');
    await waitFor(async () => expect(await db.drafts.get(laptopDraft)).toBeUndefined());
    expect((await db.drafts.get(stickDraft))?.values).toMatchObject({ notes: 'Stick still sealed' });

    // The stick's link is saved from its restored draft; the draft goes with the entry.
    await user.click(within(form).getByRole('button', { name: 'Back' }));
    form = await openLink('USB stick');
    await waitFor(() => expect(within(form).getByLabelText('Notes')).toHaveValue('Stick still sealed'));
    await user.selectOptions(within(form).getByLabelText('Action'), 'Stored');
    await user.click(within(form).getByRole('button', { name: 'Record custody' }));
    await waitFor(async () => expect(await rowOf('USB stick')).toHaveTextContent('Stored'));
    expect(await db.drafts.get(stickDraft)).toBeUndefined();
  });

  it('after a reload the draft is back with the moment it was handled; a stored draft that does not parse is ignored or cleaned, never a crash', async () => {
    const db = await freshCaptureDb();
    const incidents = createIncidentRepository(db);
    const services: Services = { db, incidents, host: createBrowserHost() };
    const incident = must(await incidents.record({ title: 'Generator fault' }));
    const events = await getTimeline(db, incident.id);
    const user = userEvent.setup();
    const show = () => render(<ServicesProvider services={services}><EvidenceSection incident={incident} events={events} /></ServicesProvider>);
    const draftId = `evidence:${incident.id}:${DEFAULT_AUTHOR.name}`;

    const first = show();
    await user.click(screen.getByRole('button', { name: 'Collect evidence' }));
    await user.type(screen.getByLabelText('Item'), 'Fuel sample');
    // Unmounted before the autosave delay: the last keystrokes are written as the form goes.
    first.unmount();
    await waitFor(async () => expect((await db.drafts.get(draftId))?.values).toMatchObject({ item: 'Fuel sample' }));

    // Written on a computer in another zone: the instant it means wins over the local text it showed there.
    const then = ago(90);
    must(await saveEntryDraft(db, { kind: 'evidence', incidentId: incident.id, owner: DEFAULT_AUTHOR.name }, { item: 'Fuel sample', handledAt: '2020-01-01T03:00', handledAtUtc: then.time.utc, handledAtEdited: true }));
    let view = show();
    await user.click(screen.getByRole('button', { name: 'Collect evidence' }));
    await waitFor(() => expect(screen.getByLabelText('Item')).toHaveValue('Fuel sample'));
    expect(screen.getByLabelText('Handled at')).toHaveValue(toDateTimeLocalValue(then.ms));
    view.unmount();

    // A time nobody typed (the form's "now" when it was first opened, yesterday): now again, not yesterday.
    must(await saveEntryDraft(db, { kind: 'evidence', incidentId: incident.id, owner: DEFAULT_AUTHOR.name }, { item: 'Fuel sample', handledAt: toDateTimeLocalValue(then.ms), handledAtUtc: then.time.utc, handledAtEdited: false }));
    const reopened = toDateTimeLocalValue(Date.now());
    view = show();
    await user.click(screen.getByRole('button', { name: 'Collect evidence' }));
    await waitFor(() => expect(screen.getByLabelText('Item')).toHaveValue('Fuel sample'));
    const untouched = (screen.getByLabelText('Handled at') as HTMLInputElement).value;
    expect(untouched >= reopened && untouched <= toDateTimeLocalValue(Date.now())).toBe(true);
    view.unmount();

    // Wrong types and values: what is usable comes back, the rest starts as new.
    must(await saveEntryDraft(db, { kind: 'evidence', incidentId: incident.id, owner: DEFAULT_AUTHOR.name }, { item: 'Fuel sample', notes: 42, sha256: 'not-a-hash', handledAt: 'soon', handledAtUtc: 'yesterday', toEdited: 'yes', to: 7 }));
    const opened = toDateTimeLocalValue(Date.now());
    view = show();
    await user.click(screen.getByRole('button', { name: 'Collect evidence' }));
    await waitFor(() => expect(screen.getByLabelText('Item')).toHaveValue('Fuel sample'));
    expect(screen.getByLabelText('Notes')).toHaveValue('');
    expect(screen.getByLabelText('File')).toHaveValue('');
    // Now, as a new form starts (a minute may have turned meanwhile).
    const shown = (screen.getByLabelText('Handled at') as HTMLInputElement).value;
    expect(shown >= opened && shown <= toDateTimeLocalValue(Date.now())).toBe(true);
    view.unmount();

    // Nothing this form knows (an older shape): ignored.
    must(await saveEntryDraft(db, { kind: 'evidence', incidentId: incident.id, owner: DEFAULT_AUTHOR.name }, { text: 'old shape', fields: [1, 2] }));
    show();
    await user.click(screen.getByRole('button', { name: 'Collect evidence' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.getByLabelText('Item')).toHaveValue('');
    expect(screen.queryByText('Draft restored')).toBeNull();
  });
});
