// Settings → Sync while it stays open: the local-only totals and the badge follow an upload; conflicts name the incident and open it.
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, ensureDevice, openLanternDb } from '../../renderer/db';
import { prepareAttachment } from '../../renderer/db/attachments';
import { recordCapture } from '../../renderer/db/attachments-record';
import { systemClock } from '../../renderer/db/clock';
import { writeMeta } from '../../renderer/db/meta';
import { createDexieFileSource } from '../../renderer/db/sync-files';
import { conflictsTable, syncOutbox } from '../../renderer/db/sync-rows';
import { IncidentSyncBadge } from '../../renderer/features/sync/incident-sync-badge';
import { SyncSettingsButton } from '../../renderer/features/sync/sync-settings-button';
import { createBrowserHost } from '../../renderer/host/browser-host';
import { renderApp } from './support/render-app';
import { testFile } from './support/render-capture';

configure({ asyncUtilTimeout: 4000 });
let counter = 0;

/** An incident recorded with one attached photo, the Sync button and the incident's badge; nothing synced yet. */
async function renderWithPhoto() {
  counter += 1;
  const db = openLanternDb(`sync-files-${Date.now()}-${counter}`);
  await ensureDevice(db);
  const services: Services = { db, incidents: createIncidentRepository(db), host: createBrowserHost() };
  const photo = await prepareAttachment({ blob: await testFile(new Uint8Array(2048), 'meter.jpg', 'image/jpeg'), name: 'meter.jpg' });
  if (!photo.ok) throw new Error(photo.error.message);
  const incident = await recordCapture(db, systemClock, { title: 'Pump 3 leaking' }, { attachments: [photo.value] });
  if (!incident.ok) throw new Error(incident.error.message);
  const user = userEvent.setup();
  render(
    <ServicesProvider services={services}>
      <SyncSettingsButton />
      <IncidentSyncBadge incidentId={incident.value.id} />
    </ServicesProvider>,
  );
  return { db, user, sha256: photo.value.sha256 };
}

/** What HQ's receipt for every operation so far writes: the acknowledged mark (the files are not part of it). */
async function receiveHqReceipt(db: Services['db']) {
  const last = Number((await syncOutbox(db).orderBy(':id').lastKey()) ?? 0);
  await writeMeta(db, 'outboxMarks', { acknowledgedThrough: last, sentThrough: last });
}

describe('Settings → Sync while it is open', { timeout: 15_000 }, () => {
  it('the local-only totals and the incident badge follow the upload of the file, without reopening the dialog', async () => {
    const { db, user, sha256 } = await renderWithPhoto();
    await user.click(screen.getByRole('button', { name: 'Sync settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync settings' });
    const panel = within(dialog).getByRole('region', { name: 'On this device only' });
    expect(await within(panel).findByText('On this device only: 1 incident, 1 file, 0.0 MB')).toBeInTheDocument();

    // The operations reach HQ first; the file is still only here, and the badge must not claim HQ has everything.
    await receiveHqReceipt(db);
    expect(await within(panel).findByText('On this device only: 0 incidents, 1 file, 0.0 MB')).toBeInTheDocument();
    const badge = await screen.findByText('Files not at HQ yet');
    expect(badge).toHaveAttribute('title', expect.stringMatching(/only on this device so far/));
    expect(screen.queryByText('Confirmed by HQ')).toBeNull();

    // The upload finishes (the uploader marks the row).
    await createDexieFileSource(db).markUploaded(sha256);
    expect(await within(panel).findByText('On this device only: 0 incidents, 0 files, 0.0 MB')).toBeInTheDocument();
    expect(await screen.findByText('Confirmed by HQ')).toBeInTheDocument();
  });

  it('a conflict names its incident and the other device, and "Open incident" shows that incident', async () => {
    const { user, db } = await renderApp();
    const repo = createIncidentRepository(db);
    const recorded = await repo.record({ title: 'Pump 3 leaking' });
    if (!recorded.ok) throw new Error(recorded.error.message);
    const incident = recorded.value;
    const [own] = await syncOutbox(db).toArray();
    await conflictsTable(db).put({
      id: `${incident.id}:title:x`,
      incidentId: incident.id,
      field: 'title',
      winner: { value: 'Pump 3 leaking', hlc: own!.hlc, deviceId: own!.deviceId },
      loser: { value: 'Pump 3 flooded', hlc: '0000000000000000:00000:other', deviceId: '01a21bfc-8cc1-7758-9ed0-4286e9dc4112' },
      detectedAt: new Date().toISOString(),
    });
    await user.click(screen.getByRole('button', { name: 'Sync settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync settings' });
    const item = await within(dialog).findByRole('listitem', { name: `Conflict ${incident.number} Pump 3 leaking: Title` });
    expect(within(item).getByText(incident.number)).toBeInTheDocument();
    expect(within(item).getByText(/^another device \(…dc4112\), time unknown$/)).toBeInTheDocument();
    expect(within(item).getByRole('button', { name: `Keep the current value for ${incident.number} Pump 3 leaking: Title` })).toHaveTextContent('Keep');

    await user.click(within(item).getByRole('button', { name: `Open incident ${incident.number}` }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Sync settings' })).toBeNull());
    const detail = screen.getByRole('article', { name: 'Pump 3 leaking' });
    expect(within(detail).getByText(incident.number)).toBeInTheDocument();
  });

  it('a conflict over which incident one duplicates names both by number (or says one is not here), never by id', async () => {
    const { user, db } = await renderApp();
    const repo = createIncidentRepository(db);
    const recorded = await Promise.all([repo.record({ title: 'Block A no lights' }), repo.record({ title: 'Block A dark' })]);
    const [incident, survivor] = recorded.map((result) => {
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    });
    const elsewhere = '01a21bfc-8cc1-7758-9ed0-4286e9dc4999';
    const [own] = await syncOutbox(db).toArray();
    await conflictsTable(db).put({
      id: `${incident!.id}:duplicateOf:x`,
      incidentId: incident!.id,
      field: 'duplicateOf',
      winner: { value: survivor!.id, hlc: own!.hlc, deviceId: own!.deviceId },
      loser: { value: elsewhere, hlc: '0000000000000000:00000:other', deviceId: '01a21bfc-8cc1-7758-9ed0-4286e9dc4112' },
      detectedAt: new Date().toISOString(),
    });
    await user.click(screen.getByRole('button', { name: 'Sync settings' }));
    const item = await within(screen.getByRole('dialog', { name: 'Sync settings' })).findByRole('listitem', { name: `Conflict ${incident!.number} Block A no lights: Duplicate of` });
    // Kept value, who and when, then the other value, who and when.
    const sides = () => within(item).getAllByRole('definition').map((definition) => definition.textContent);
    await waitFor(() => expect(sides()[0]).toBe(survivor!.number));
    expect(sides()[2]).toBe('an incident not on this computer');
    expect(item).not.toHaveTextContent(survivor!.id);
    expect(item).not.toHaveTextContent(elsewhere);
  });
});
