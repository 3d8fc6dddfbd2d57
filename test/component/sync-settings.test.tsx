// Settings → Sync in browser mode against the fake HQ: connect, status indicator, per-incident badge, local-only panel, conflicts.
import { act, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../shared/sync/engine';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, ensureDevice, openLanternDb } from '../../renderer/db';
import { conflictsTable, syncOutbox } from '../../renderer/db/sync-rows';
import { IncidentSyncBadge } from '../../renderer/features/sync/incident-sync-badge';
import { SyncSettingsButton } from '../../renderer/features/sync/sync-settings-button';
import { SyncStatusIndicator } from '../../renderer/features/sync/sync-status-indicator';
import { createBrowserHost } from '../../renderer/host/browser-host';
import { createBrowserSync } from '../../renderer/host/browser-sync';
import { reportSyncFailures } from '../../renderer/host/sync-failure-alerts';
import type { NotificationActivity } from '../../shared/domain';
import { FakeHq } from '../unit/shared/sync/support/fake-hq';

configure({ asyncUtilTimeout: 4000 });

const GOOD_CODE = 'K7QM-2X9P-HT4C-M8WB';
let counter = 0;

/** The fake HQ plus enrollment (which it does not implement): one good code, everything else refused. */
function fakeHqFetch(hq: FakeHq): FetchLike<AbortSignal> {
  return async (url, init) => {
    if (!url.endsWith('/v1/enroll')) {
      const parsed = new URL(url);
      const headers = Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v]));
      const body = typeof init.body === 'string' ? init.body : undefined;
      const answer = hq.handle({ method: init.method, path: parsed.pathname, query: Object.fromEntries(parsed.searchParams.entries()), headers, body });
      return { status: answer.status, headers: { get: () => null }, text: async () => answer.body };
    }
    const body = JSON.parse(String(init.body)) as { code: string; deviceId: string };
    const answer =
      body.code === GOOD_CODE
        ? { status: 200, json: { deviceToken: hq.addDevice(body.deviceId), deviceId: body.deviceId, hqId: hq.hqId, epoch: hq.epoch, serverTime: Date.now() } }
        : { status: 401, json: { error: 'enrollment-invalid', message: 'Unknown code.' } };
    return { status: answer.status, headers: { get: () => null }, text: async () => JSON.stringify(answer.json) };
  };
}

async function renderSync() {
  counter += 1;
  const db = openLanternDb(`sync-component-${Date.now()}-${counter}`);
  await ensureDevice(db);
  const hq = new FakeHq({ now: () => Date.now() });
  const host = { ...createBrowserHost(), sync: createBrowserSync({ db, fetch: fakeHqFetch(hq) }) };
  const services: Services = { db, incidents: createIncidentRepository(db), host };
  const incident = await services.incidents.record({ title: 'Pump 3 leaking' });
  if (!incident.ok) throw new Error(incident.error.message);
  const user = userEvent.setup();
  render(
    <ServicesProvider services={services}>
      <SyncStatusIndicator />
      <SyncSettingsButton />
      <IncidentSyncBadge incidentId={incident.value.id} />
    </ServicesProvider>,
  );
  return { db, hq, user, services, incident: incident.value, deviceId: (await ensureDevice(db)).deviceId };
}

async function openSettings(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Sync settings' }));
  return screen.getByRole('dialog', { name: 'Sync settings' });
}

describe('Settings → Sync', { timeout: 15_000 }, () => {
  it('connects with an enrollment code, syncs, and every indicator follows', async () => {
    const { hq, user, incident, deviceId } = await renderSync();
    expect(await screen.findByText('Only on this device')).toBeInTheDocument();
    expect(within(screen.getByRole('status', { name: 'Sync status' })).getByText('Sync: not connected')).toBeInTheDocument();
    const dialog = await openSettings(user);
    expect(await within(dialog).findByText('On this device only: 1 incident, 0 files, 0.0 MB')).toBeInTheDocument();
    // The id an HQ administrator needs for a re-enrollment code is on screen.
    expect(within(dialog).getByLabelText('Device id')).toHaveTextContent(deviceId);

    await user.type(within(dialog).getByLabelText('HQ address'), 'https://hq.test/');
    await user.type(within(dialog).getByLabelText('Enrollment code'), GOOD_CODE);
    await user.type(within(dialog).getByLabelText('Device name'), 'Laptop 7');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));

    expect(await within(dialog).findByText(/Connected to https:\/\/hq\.test as “Laptop 7”/)).toBeInTheDocument();
    expect(within(dialog).getAllByText(/not in the system keychain/).length).toBeGreaterThan(0);
    // The Connect button is gone; focus is on the line that says where sync stands, inside the dialog.
    await waitFor(() => expect(document.activeElement).toHaveClass('sync-state-line'));
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await waitFor(() => expect(within(screen.getByRole('status', { name: 'Sync status' })).getByText(/^Synced \d\d:\d\d$/)).toBeInTheDocument());
    expect(screen.getByRole('status', { name: 'Sync status' })).toHaveAccessibleDescription(/^Up to date\. Last synced .*\.$/);
    expect(await within(dialog).findByText(/^Last synced \d{1,2} \w{3} \d{4} \d\d:\d\d\.$/)).toBeInTheDocument();
    expect(await screen.findByText('Confirmed by HQ')).toBeInTheDocument();
    expect(await within(dialog).findByText('On this device only: 0 incidents, 0 files, 0.0 MB')).toBeInTheDocument();
    expect(hq.incidents.has(incident.id)).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Sync now' }));
    // Disconnecting asks first (reconnecting needs an administrator's code) and says what is still only here.
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect…' }));
    const confirm = within(dialog).getByRole('group', { name: /Disconnect this device from HQ\?/ });
    expect(await within(confirm).findByText(/HQ has everything recorded here/)).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Yes, disconnect' }));
    expect(await within(dialog).findByLabelText('HQ address')).toBeInTheDocument();
    expect(within(dialog).getByText('Not connected: this device does not sync with HQ.')).toHaveFocus();
    expect(within(dialog).getByRole('status')).toHaveTextContent('This device no longer syncs with HQ.');
    expect(within(screen.getByRole('status', { name: 'Sync status' })).getByText('Sync: not connected')).toBeInTheDocument();
  });

  it('a revoked device is told why, and the failure reaches the notification centre once (browser mode)', async () => {
    const { hq, user, services, deviceId } = await renderSync();
    const reported: NotificationActivity[] = [];
    reportSyncFailures(services.host.sync, { report: async (activities) => void reported.push(...activities) });
    const dialog = await openSettings(user);
    await user.type(within(dialog).getByLabelText('HQ address'), 'https://hq.test/');
    await user.type(within(dialog).getByLabelText('Enrollment code'), GOOD_CODE);
    await user.type(within(dialog).getByLabelText('Device name'), 'Laptop 7');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(within(screen.getByRole('status', { name: 'Sync status' })).getByText(/^Synced/)).toBeInTheDocument());
    expect(reported).toEqual([]);

    hq.revoke(deviceId);
    await user.click(within(dialog).getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(reported.map((a) => a.kind)).toEqual(['sync']));
    expect(reported[0]!.text).toMatch(/administrator disconnected this device.*Settings → Sync/s);
    // The dialog no longer claims a connection: it says HQ cut the device off and what to ask the administrator for.
    expect(await within(dialog).findByText('Disconnected by HQ')).toBeInTheDocument();
    // Sync now, which had focus, is gone: focus is on the line that says what happened.
    expect(within(dialog).getByText('Disconnected by HQ')).toHaveFocus();
    expect(within(dialog).queryByText(/^Connected to/)).toBeNull();
    expect(within(dialog).getByText(/Ask the HQ administrator for a re-enrollment code for this device id/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Device id')).toHaveTextContent(deviceId);
    expect(within(dialog).getByText(/^Last synced .*\.$/)).toBeInTheDocument();
    const again = within(dialog).getByRole('form', { name: 'Connect again' });
    expect(within(again).getByLabelText('HQ address')).toHaveValue('https://hq.test');
    expect(within(again).getByLabelText('Device name')).toHaveValue('Laptop 7');
    // The top bar says why in a few words; the full reason and the last successful sync are in its description.
    const indicator = screen.getByRole('status', { name: 'Sync status' });
    expect(within(indicator).getByText('Sync failing: cut off by HQ')).toBeInTheDocument();
    expect(indicator).toHaveAccessibleDescription(/^Sync failing\. .*administrator.* Last synced .*\.$/);
    // The same failure on the next attempt is the same alert (one id), not a new one.
    const statuses: string[] = [];
    const stop = services.host.sync.onStatus((status) => statuses.push(status.state));
    await act(() => services.host.sync.syncNow());
    await waitFor(() => expect(statuses.at(-1)).toBe('failing'));
    stop();
    expect(statuses).toContain('syncing');
    expect(new Set(reported.map((a) => a.id)).size).toBe(1);
  });

  it('a wrong code or address says what is wrong in plain words and stays disconnected', async () => {
    const { user } = await renderSync();
    const dialog = await openSettings(user);
    await user.type(within(dialog).getByLabelText('HQ address'), 'ftp://hq.test');
    await user.type(within(dialog).getByLabelText('Enrollment code'), 'AAAA-BBBB-CCCC-DDDD');
    await user.type(within(dialog).getByLabelText('Device name'), 'Laptop 7');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Only https:// and http:// addresses can be HQ addresses.');

    await user.clear(within(dialog).getByLabelText('HQ address'));
    await user.type(within(dialog).getByLabelText('HQ address'), 'https://hq.test');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('HQ did not accept this enrollment code');
    expect(within(dialog).getByRole('button', { name: 'Connect' })).toBeInTheDocument();
  });

  it('an address without https:// gets the app’s own message at the field (no browser bubble), and stale messages clear on edit', async () => {
    const { user } = await renderSync();
    const dialog = await openSettings(user);
    const form = within(dialog).getByRole('form', { name: 'Connect to HQ' });
    // The browser's own URL check is off, so its "Please enter a URL" bubble never appears beside ours.
    expect(form).toHaveAttribute('novalidate');
    const address = within(dialog).getByLabelText('HQ address');

    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/Enter the HQ address .*https:\/\/hq\.example\.org/);

    await user.type(address, 'hq.example');
    // Typing makes the message about the empty address go away at once.
    expect(within(dialog).queryByRole('alert')).toBeNull();
    await user.type(within(dialog).getByLabelText('Enrollment code'), GOOD_CODE);
    await user.type(within(dialog).getByLabelText('Device name'), 'Laptop 7');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    const alerts = await within(dialog).findAllByRole('alert');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toHaveTextContent('Enter the full address starting with https://, such as https://hq.example.org');
    expect(address).toHaveAttribute('aria-invalid', 'true');
    expect(address).toHaveAccessibleDescription(/Enter the full address starting with https:\/\//);
    expect(address).toHaveFocus();

    await user.type(address, '.org');
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(address).not.toHaveAttribute('aria-invalid');

    // A refusal from HQ clears as soon as the person edits the field it is about.
    await user.clear(address);
    await user.type(address, 'https://hq.test');
    await user.clear(within(dialog).getByLabelText('Enrollment code'));
    await user.type(within(dialog).getByLabelText('Enrollment code'), 'AAAA-BBBB-CCCC-DDDD');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('HQ did not accept this enrollment code');
    await user.type(within(dialog).getByLabelText('Enrollment code'), 'X');
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('a missing code or device name is said at its field, which takes focus, and nothing is sent', async () => {
    const { user } = await renderSync();
    const dialog = await openSettings(user);
    await user.type(within(dialog).getByLabelText('HQ address'), 'https://hq.test');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    const code = within(dialog).getByLabelText('Enrollment code');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Enter the enrollment code your administrator gave you.');
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveFocus();

    await user.type(code, GOOD_CODE);
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    const name = within(dialog).getByLabelText('Device name');
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/Give this device a name/);
    expect(name).toHaveAccessibleDescription(/Give this device a name/);
    expect(name).toHaveFocus();
    expect(name).toHaveAttribute('placeholder', 'e.g. Laptop 7');
    // Still the connect form: HQ was never asked.
    expect(within(dialog).getByRole('form', { name: 'Connect to HQ' })).toBeInTheDocument();
  });

  it('after connecting in browser mode, the token-storage warning is shown once', async () => {
    const { user } = await renderSync();
    const dialog = await openSettings(user);
    // Before connecting: said once, beside the form.
    expect(within(dialog).getAllByText(/not in the system keychain/)).toHaveLength(1);
    await user.type(within(dialog).getByLabelText('HQ address'), 'https://hq.test/');
    await user.type(within(dialog).getByLabelText('Enrollment code'), GOOD_CODE);
    await user.type(within(dialog).getByLabelText('Device name'), 'Laptop 7');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(await within(dialog).findByText(/Connected to https:\/\/hq\.test as “Laptop 7”/)).toBeInTheDocument();
    expect(within(dialog).getAllByText(/not in the system keychain/)).toHaveLength(1);
  });

  it('lists a conflict with both values and who made them; picking the other value is a normal, synced edit', async () => {
    const { db, user, incident } = await renderSync();
    const [own] = await syncOutbox(db).toArray();
    await conflictsTable(db).put({
      id: `${incident.id}:title:x`,
      incidentId: incident.id,
      field: 'title',
      winner: { value: 'Pump 3 leaking', hlc: own!.hlc, deviceId: own!.deviceId },
      loser: { value: 'Pump <b>3</b> flooded', hlc: '0000000000000000:00000:other', deviceId: 'other-device-123456' },
      detectedAt: new Date().toISOString(),
    });
    const dialog = await openSettings(user);
    const item = await within(dialog).findByRole('listitem', { name: /^Conflict .*Pump 3 leaking: Title$/ });
    expect(within(item).getByText('Pump <b>3</b> flooded')).toBeInTheDocument(); // text, never HTML
    expect(within(item).getByText(/…123456\)?, time unknown$/)).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: /^Use the other value for .*Pump 3 leaking: Title$/ }));
    await waitFor(async () => expect((await db.incidents.get(incident.id))?.title).toBe('Pump <b>3</b> flooded'));
    expect(await syncOutbox(db).count()).toBe(2);
    expect(await within(dialog).findByText(/^No conflicts/)).toBeInTheDocument();
    // The pressed button went away with its conflict: focus stays in the dialog (the conflicts part), and Escape closes it.
    await waitFor(() => expect(within(dialog).getByRole('region', { name: 'Conflicts' })).toHaveFocus());
    // It is the dialog's last part: Tab goes round to its first control, not out of the dialog.
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Close sync settings' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sync settings' })).toHaveFocus();
  });
});
