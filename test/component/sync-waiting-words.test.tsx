// The pill and the Sync dialog never say "Up to date" while a change or a file waits on this device; they do once HQ has it all.
import { act, configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../shared/sync/engine';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, ensureDevice, openLanternDb } from '../../renderer/db';
import { prepareAttachment } from '../../renderer/db/attachments';
import { recordCapture } from '../../renderer/db/attachments-record';
import { systemClock } from '../../renderer/db/clock';
import { writeMeta } from '../../renderer/db/meta';
import { createDexieFileSource } from '../../renderer/db/sync-files';
import { syncOutbox } from '../../renderer/db/sync-rows';
import { SyncSettingsButton } from '../../renderer/features/sync/sync-settings-button';
import { SyncStatusIndicator } from '../../renderer/features/sync/sync-status-indicator';
import { createBrowserHost } from '../../renderer/host/browser-host';
import type { HostSync } from '../../renderer/host/host';
import { testFile } from './support/render-capture';

configure({ asyncUtilTimeout: 4000 });
let counter = 0;

/** The engine's last word: a run that finished with nothing left (as after the first sync of an empty laptop). */
const SYNCED: SyncStatus = { ...INITIAL_SYNC_STATUS, state: 'up-to-date', lastSuccessAt: Date.now() - 60_000, pending: 0 };

/** A connected HostSync that keeps saying SYNCED: the engine has not run since the saves the test makes. */
function syncedHost(): HostSync {
  return {
    getStatus: async () => SYNCED,
    onStatus: () => () => undefined,
    getConnection: async () => ({ hqUrl: 'https://hq.example.org', deviceName: 'Laptop A', connectedAt: Date.now() - 3_600_000 }),
    connect: async () => ({ ok: false, message: 'not in this test' }),
    disconnect: async () => undefined,
    syncNow: async () => undefined,
  };
}

async function renderTopBar() {
  counter += 1;
  const db = openLanternDb(`sync-waiting-${Date.now()}-${counter}`);
  await ensureDevice(db);
  const services: Services = { db, incidents: createIncidentRepository(db), host: { ...createBrowserHost(), sync: syncedHost() } };
  render(
    <ServicesProvider services={services}>
      <SyncStatusIndicator />
      <SyncSettingsButton />
    </ServicesProvider>,
  );
  return { db, services, user: userEvent.setup() };
}

const pill = () => screen.getByRole('status', { name: 'Sync status' });

/** What HQ's receipt for every operation so far writes: the acknowledged mark. */
async function receiveHqReceipt(db: Services['db']) {
  const last = Number((await syncOutbox(db).orderBy(':id').lastKey()) ?? 0);
  await act(async () => writeMeta(db, 'outboxMarks', { acknowledgedThrough: last, sentThrough: last }));
}

describe('sync words while changes wait on this device', { timeout: 20_000 }, () => {
  it('an incident recorded after the last sync: the pill and the dialog say it waits, never "Up to date", until HQ has it', async () => {
    const { db, services, user } = await renderTopBar();
    expect(await within(pill()).findByText(/^Synced \d\d:\d\d$/)).toBeInTheDocument();
    expect(pill()).toHaveAccessibleDescription(/^Up to date\./);

    const recorded = await act(async () => services.incidents.record({ title: 'Chiller 2 tripped' }));
    if (!recorded.ok) throw new Error(recorded.error.message);
    expect(await within(pill()).findByText('1 change waiting to be sent')).toBeInTheDocument();
    // The last successful sync stays in the description.
    expect(pill()).toHaveAccessibleDescription(/^1 change waiting to be sent to HQ\. Last synced .+\.$/);
    expect(pill()).not.toHaveAccessibleDescription(/Up to date/);

    await user.click(screen.getByRole('button', { name: 'Sync settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync settings' });
    expect(await within(dialog).findByText('1 change waiting to be sent to HQ')).toBeInTheDocument();
    expect(within(dialog).queryByText('Up to date')).toBeNull();
    expect(within(dialog).getByText(/^Last synced /)).toBeInTheDocument();
    expect(await within(dialog).findByText('On this device only: 1 incident, 0 files, 0.0 MB')).toBeInTheDocument();

    // HQ acknowledges it: up to date again, in both places.
    await receiveHqReceipt(db);
    expect(await within(dialog).findByText('Up to date')).toBeInTheDocument();
    expect(await within(dialog).findByText('On this device only: 0 incidents, 0 files, 0.0 MB')).toBeInTheDocument();
    expect(await within(pill()).findByText(/^Synced \d\d:\d\d$/)).toBeInTheDocument();
    expect(within(pill()).queryByText(/waiting/)).toBeNull();
  });

  it('a file HQ does not hold yet keeps it from "Up to date" after its change was acknowledged', async () => {
    const { db, user } = await renderTopBar();
    const photo = await prepareAttachment({ blob: await testFile(new Uint8Array(2048), 'meter.jpg', 'image/jpeg'), name: 'meter.jpg' });
    if (!photo.ok) throw new Error(photo.error.message);
    const incident = await act(async () => recordCapture(db, systemClock, { title: 'Pump 3 leaking' }, { attachments: [photo.value] }));
    if (!incident.ok) throw new Error(incident.error.message);
    expect(await within(pill()).findByText('1 change, 1 file waiting')).toBeInTheDocument();

    await receiveHqReceipt(db);
    expect(await within(pill()).findByText('1 file waiting to be sent')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sync settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync settings' });
    expect(await within(dialog).findByText('1 file waiting to be sent to HQ')).toBeInTheDocument();
    expect(await within(dialog).findByText('On this device only: 0 incidents, 1 file, 0.0 MB')).toBeInTheDocument();
    expect(within(dialog).queryByText('Up to date')).toBeNull();

    await act(async () => createDexieFileSource(db).markUploaded(photo.value.sha256));
    expect(await within(dialog).findByText('Up to date')).toBeInTheDocument();
  });
});
