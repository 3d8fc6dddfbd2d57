// Settings → Sync and what travels unprotected: http:// to another computer needs consent and stays visible; no keyring is said lastingly.
import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../shared/sync/engine';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, ensureDevice, openLanternDb } from '../../renderer/db';
import { SyncSettingsButton } from '../../renderer/features/sync/sync-settings-button';
import { createBrowserHost } from '../../renderer/host/browser-host';
import { createBrowserSync } from '../../renderer/host/browser-sync';
import type { Host } from '../../renderer/host/host';
import { FakeHq } from '../unit/shared/sync/support/fake-hq';

configure({ asyncUtilTimeout: 4000 });

const GOOD_CODE = 'K7QM-2X9P-HT4C-M8WB';
let counter = 0;

/** The fake HQ with enrollment; `sent` lists every URL the page asked for. */
function fakeHqFetch(hq: FakeHq, sent: string[]): FetchLike<AbortSignal> {
  return async (url, init) => {
    sent.push(url);
    if (!url.endsWith('/v1/enroll')) {
      const parsed = new URL(url);
      const headers = Object.fromEntries(Object.entries(init.headers).map(([k, v]) => [k.toLowerCase(), v]));
      const body = typeof init.body === 'string' ? init.body : undefined;
      const answer = hq.handle({ method: init.method, path: parsed.pathname, query: Object.fromEntries(parsed.searchParams.entries()), headers, body });
      return { status: answer.status, headers: { get: () => null }, text: async () => answer.body };
    }
    const body = JSON.parse(String(init.body)) as { deviceId: string };
    const json = { deviceToken: hq.addDevice(body.deviceId), deviceId: body.deviceId, hqId: hq.hqId, epoch: hq.epoch, serverTime: Date.now() };
    return { status: 200, headers: { get: () => null }, text: async () => JSON.stringify(json) };
  };
}

const MAIN_KEYRING_WARNING = 'This computer has no system keyring, so the device key is stored only obfuscated, not encrypted.';

async function renderSync(overrides: Partial<Host> = {}) {
  counter += 1;
  const db = openLanternDb(`sync-security-${Date.now()}-${counter}`);
  await ensureDevice(db);
  const hq = new FakeHq({ now: () => Date.now() });
  const sent: string[] = [];
  const sync = createBrowserSync({ db, fetch: fakeHqFetch(hq, sent) });
  // In Electron, main's connect answer carries the one-time keyring warning when there is no keyring.
  const connect: typeof sync.connect = async (input) => {
    const result = await sync.connect(input);
    const noKeyring = (await overrides.secretsStatus?.())?.plainTextFallback === true;
    return result.ok && overrides.kind === 'electron' ? { ...result, ...(noKeyring ? { warning: MAIN_KEYRING_WARNING } : {}) } : result;
  };
  const host: Host = { ...createBrowserHost(), sync: { ...sync, connect }, ...overrides };
  const services: Services = { db, incidents: createIncidentRepository(db), host };
  const user = userEvent.setup();
  render(
    <ServicesProvider services={services}>
      <SyncSettingsButton />
    </ServicesProvider>,
  );
  await user.click(screen.getByRole('button', { name: 'Sync settings' }));
  return { user, sent, dialog: screen.getByRole('dialog', { name: 'Sync settings' }) };
}

async function fill(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, address: string) {
  await user.type(await within(dialog).findByLabelText('HQ address'), address);
  await user.type(within(dialog).getByLabelText('Enrollment code'), GOOD_CODE);
  await user.type(within(dialog).getByLabelText('Device name'), 'Laptop 7');
}

describe('Settings → Sync over http://', { timeout: 15_000 }, () => {
  it('an http address of another computer is said to be unencrypted and needs an explicit yes before the code is sent', async () => {
    const { user, sent, dialog } = await renderSync();
    await fill(user, dialog, 'http://hq.lan:8080');
    const warning = within(dialog).getByRole('group', { name: 'Unencrypted connection' });
    expect(warning).toHaveTextContent(/enrollment code, this device’s HQ token and the incidents it syncs cross the network unencrypted/);
    const consent = within(warning).getByRole('checkbox', { name: 'Connect to hq.lan without encryption' });
    expect(consent).not.toBeChecked();

    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(/Tick “Connect to hq.lan without encryption” .* or use an https:\/\/ address/);
    expect(consent).toHaveFocus();
    expect(consent).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toEqual([]);

    await user.keyboard(' ');
    expect(consent).toBeChecked();
    expect(within(dialog).queryByRole('alert')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(await within(dialog).findByText(/Connected to http:\/\/hq\.lan:8080 as “Laptop 7”/)).toBeInTheDocument();
    expect(sent[0]).toBe('http://hq.lan:8080/v1/enroll');
    // While connected, a calm notice keeps saying it.
    const notice = within(dialog).getByRole('note', { name: 'Unencrypted connection to HQ' });
    expect(notice).toHaveTextContent(/http:\/\/hq\.lan:8080.*https:\/\//);
  });

  it('a changed address asks again: a yes is for one server only', async () => {
    const { user, dialog } = await renderSync();
    await fill(user, dialog, 'http://hq.lan');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Connect to hq.lan without encryption' }));
    await user.type(within(dialog).getByLabelText('HQ address'), '2');
    expect(within(dialog).getByRole('checkbox', { name: 'Connect to hq.lan2 without encryption' })).not.toBeChecked();
  });

  it.each(['http://127.0.0.1:4010', 'http://localhost:4010', 'https://hq.lan'])('%s connects without ceremony and shows no unencrypted notice', async (address) => {
    const { user, sent, dialog } = await renderSync();
    await fill(user, dialog, address);
    expect(within(dialog).queryByRole('checkbox')).toBeNull();
    expect(within(dialog).queryByText(/unencrypted/i)).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(await within(dialog).findByText(/^Connected to /)).toBeInTheDocument();
    expect(sent[0]).toBe(`${address}/v1/enroll`);
    expect(within(dialog).queryByRole('note', { name: 'Unencrypted connection to HQ' })).toBeNull();
  });
});

describe('Settings → Sync without a system keyring (Electron)', { timeout: 15_000 }, () => {
  const electron = (plainTextFallback: boolean): Partial<Host> => ({
    kind: 'electron',
    secretsStatus: async () => ({ available: true, backend: plainTextFallback ? 'basic_text' : 'gnome_libsecret', plainTextFallback }),
  });

  it('says lastingly that the key is only obfuscated, before and after connecting, and only once', async () => {
    const { user, dialog } = await renderSync(electron(true));
    expect(await within(dialog).findByRole('note', { name: 'No system keyring' })).toHaveTextContent(/would be stored only obfuscated/);
    await fill(user, dialog, 'https://hq.lan');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(await within(dialog).findByText(/^Connected to /)).toBeInTheDocument();
    const notice = await within(dialog).findByRole('note', { name: 'No system keyring' });
    expect(notice).toHaveTextContent(/stored only obfuscated, not encrypted/);
    expect(within(dialog).getAllByText(/obfuscated/)).toHaveLength(1);
    // Not only after Connect: opening Settings → Sync again still says it.
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Sync settings' }));
    expect(await within(screen.getByRole('dialog', { name: 'Sync settings' })).findByRole('note', { name: 'No system keyring' })).toBeInTheDocument();
  });

  it('says nothing when the keyring encrypts the key', async () => {
    const { dialog } = await renderSync(electron(false));
    await within(dialog).findByLabelText('HQ address');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(within(dialog).queryByRole('note', { name: 'No system keyring' })).toBeNull();
  });
});
