// The top-bar sync indicator in every state (not connected, offline, n of m, up to date, failing, clock skew) and the dialog by keyboard.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { INITIAL_SYNC_STATUS, SYNC_ERROR_MESSAGES, type SyncStatus } from '../../shared/sync/engine';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, ensureDevice, openLanternDb } from '../../renderer/db';
import { SyncSettingsButton } from '../../renderer/features/sync/sync-settings-button';
import { SyncStatusIndicator } from '../../renderer/features/sync/sync-status-indicator';
import { formatLocal } from '../../renderer/features/format';
import { createBrowserHost } from '../../renderer/host/browser-host';
import type { HostSync, SyncConnection } from '../../renderer/host/host';

let counter = 0;

/** A HostSync the test drives: it pushes statuses and decides whether the device is connected. */
function scriptedSync(connection: SyncConnection | null) {
  const listeners = new Set<(status: SyncStatus) => void>();
  let current = INITIAL_SYNC_STATUS;
  const sync: HostSync = {
    getStatus: async () => current,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getConnection: async () => connection,
    connect: async () => ({ ok: false, message: 'not in this test' }),
    disconnect: async () => undefined,
    syncNow: async () => undefined,
  };
  const emit = (patch: Partial<SyncStatus>) =>
    act(() => {
      current = { ...current, ...patch };
      for (const listener of listeners) listener(current);
    });
  return { sync, emit };
}

async function renderIndicator(connection: SyncConnection | null) {
  counter += 1;
  const db = openLanternDb(`sync-status-${Date.now()}-${counter}`);
  await ensureDevice(db);
  const scripted = scriptedSync(connection);
  const services: Services = { db, incidents: createIncidentRepository(db), host: { ...createBrowserHost(), sync: scripted.sync } };
  render(
    <ServicesProvider services={services}>
      <SyncStatusIndicator />
    </ServicesProvider>,
  );
  return scripted;
}

const indicator = () => screen.getByRole('status', { name: 'Sync status' });

describe('sync status indicator', () => {
  it('says so when the device is not connected', async () => {
    await renderIndicator(null);
    expect(await within(indicator()).findByText('Sync: not connected')).toBeInTheDocument();
    // A narrow top bar shows "Sync off" instead (app.css); screen readers keep the full words only.
    const short = within(indicator()).getByText('Sync off');
    expect(short).toHaveClass('pill-short');
    expect(short).toHaveAttribute('aria-hidden', 'true');
  });

  it('shows HQ not reachable, progress n of m, a compact synced time, and failing with a short reason, with the full words in its description', async () => {
    const { emit } = await renderIndicator({ hqUrl: 'https://hq.example.org', deviceName: 'Laptop 7', connectedAt: Date.now() });
    // The network is up and HQ did not answer: that is not "Offline".
    await emit({ state: 'offline', lastError: { kind: 'offline', message: SYNC_ERROR_MESSAGES.offline } });
    expect(await within(indicator()).findByText('HQ not reachable')).toBeInTheDocument();
    expect(within(indicator()).queryByText('Offline')).toBeNull();
    expect(indicator()).toHaveAccessibleDescription(/HQ cannot be reached.*Never synced\./);
    await emit({ state: 'syncing', progress: { phase: 'push', done: 3, total: 12 } });
    expect(within(indicator()).getByText('Syncing 3 of 12')).toBeInTheDocument();
    await emit({ state: 'syncing', progress: { phase: 'files', done: 1, total: 5 } });
    expect(within(indicator()).getByText('Uploading file 2 of 5')).toBeInTheDocument();

    // Another day: day and month, no year (the pill must fit at 1024 px); the full date is in the description.
    await emit({ state: 'up-to-date', progress: null, lastSuccessAt: Date.parse('2025-11-26T14:30:00Z') });
    expect(within(indicator()).getByText(/^Synced \d{1,2} Nov \d\d:30$/)).toBeInTheDocument();
    expect(indicator()).toHaveAccessibleDescription(/^Up to date\. Last synced 2\d Nov 2025 \d\d:30\.$/);
    // Today: the time alone.
    const today = new Date();
    today.setHours(7, 45, 0, 0);
    await emit({ state: 'up-to-date', lastSuccessAt: today.getTime() });
    expect(within(indicator()).getByText('Synced 07:45')).toBeInTheDocument();
    expect(within(indicator()).getByText('Synced 07:45')).toHaveAttribute('title', expect.stringMatching(/^Up to date\. Last synced .* 07:45\.$/));

    // Failing: a short reason in the pill; the reason in full and the last successful sync stay in the description.
    await emit({ state: 'failing', lastError: { kind: 'revoked', message: SYNC_ERROR_MESSAGES.revoked } });
    expect(within(indicator()).getByText('Sync failing: cut off by HQ')).toBeInTheDocument();
    expect(indicator()).toHaveAccessibleDescription(`Sync failing. ${SYNC_ERROR_MESSAGES.revoked} Last synced ${formatLocal(today.toISOString())}.`);
  });

  it('says Offline only when this computer has no network', async () => {
    const { emit } = await renderIndicator({ hqUrl: 'https://hq.example.org', deviceName: 'Laptop 7', connectedAt: Date.now() });
    await emit({ state: 'offline', lastError: { kind: 'offline', message: SYNC_ERROR_MESSAGES.offline }, lastSuccessAt: null });
    expect(await within(indicator()).findByText('HQ not reachable')).toBeInTheDocument();
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      act(() => void window.dispatchEvent(new Event('offline')));
      expect(within(indicator()).getByText('Offline')).toBeInTheDocument();
      expect(indicator()).toHaveAccessibleDescription(/no network connection.*Never synced\./);
      // A failure a person must act on is not hidden behind "Offline".
      await emit({ state: 'failing', lastError: { kind: 'revoked', message: SYNC_ERROR_MESSAGES.revoked } });
      expect(within(indicator()).getByText('Sync failing: cut off by HQ')).toBeInTheDocument();
      await emit({ state: 'offline', lastError: { kind: 'offline', message: SYNC_ERROR_MESSAGES.offline } });
      expect(within(indicator()).getByText('Offline')).toBeInTheDocument();
    } finally {
      onLine.mockRestore();
      act(() => void window.dispatchEvent(new Event('online')));
    }
    expect(within(indicator()).getByText('HQ not reachable')).toBeInTheDocument();
  });

  it('warns when this computer’s clock differs a lot from HQ', async () => {
    const { emit } = await renderIndicator({ hqUrl: 'https://hq.example.org', deviceName: 'Laptop 7', connectedAt: Date.now() });
    await emit({ state: 'up-to-date', lastSuccessAt: Date.now(), clockSkew: { ms: 6 * 3600_000, large: true } });
    const warning = await within(indicator()).findByText('Clock differs from HQ');
    expect(warning).toHaveAttribute('title', expect.stringContaining('about 6 hours behind HQ'));
  });
});

describe('sync settings dialog by keyboard', () => {
  async function renderDialogButton(connection: SyncConnection | null = null) {
    counter += 1;
    const db = openLanternDb(`sync-dialog-${Date.now()}-${counter}`);
    await ensureDevice(db);
    const scripted = scriptedSync(connection);
    const services: Services = { db, incidents: createIncidentRepository(db), host: { ...createBrowserHost(), sync: scripted.sync } };
    render(
      <ServicesProvider services={services}>
        <button type="button">Before</button>
        <SyncSettingsButton />
        <button type="button">After</button>
      </ServicesProvider>,
    );
    return { ...scripted, user: userEvent.setup() };
  }

  it('opens from the top-bar button, focuses its close button, and Escape returns focus to the button', async () => {
    const { user } = await renderDialogButton();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Sync settings' })).toHaveFocus();
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Sync settings' });
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog).toHaveAttribute('open');
    expect(screen.getByRole('button', { name: 'Close sync settings' })).toHaveFocus();
    expect(await screen.findByLabelText('HQ address')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Sync settings' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sync settings' })).toHaveFocus();
  });

  it('has one visible title, "Sync settings", which names it', async () => {
    const { user } = await renderDialogButton();
    await user.click(screen.getByRole('button', { name: 'Sync settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync settings' });
    expect(within(dialog).getByRole('heading', { level: 2 })).toHaveTextContent('Sync settings');
    expect(within(dialog).queryByRole('heading', { name: 'Settings' })).toBeNull();
    expect(within(dialog).queryByRole('heading', { name: 'Sync' })).toBeNull();
  });

  it('keeps Tab inside the dialog at both ends', async () => {
    const { user } = await renderDialogButton();
    await user.click(screen.getByRole('button', { name: 'Sync settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync settings' });
    await within(dialog).findByLabelText('HQ address');
    const close = within(dialog).getByRole('button', { name: 'Close sync settings' });
    expect(close).toHaveFocus();
    await user.tab({ shift: true });
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    expect(screen.getByRole('button', { name: 'Before' })).not.toHaveFocus();
    await user.tab();
    expect(close).toHaveFocus();
  });

  it('Escape still closes it when the focused control went away, and focus returns to the opener', async () => {
    const { user } = await renderDialogButton();
    await user.click(screen.getByRole('button', { name: 'Sync settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync settings' });
    await within(dialog).findByLabelText('HQ address');
    (document.activeElement as HTMLElement).blur();
    expect(document.body).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sync settings' })).toHaveFocus();
  });

  it('asks before disconnecting and says what is still only here; backing out returns to the Disconnect button', async () => {
    const { user } = await renderDialogButton({ hqUrl: 'https://hq.example.org', deviceName: 'Laptop 7', connectedAt: Date.now() });
    await user.click(screen.getByRole('button', { name: 'Sync settings' }));
    const dialog = screen.getByRole('dialog', { name: 'Sync settings' });
    await user.click(await within(dialog).findByRole('button', { name: 'Disconnect…' }));
    const confirm = within(dialog).getByRole('group', { name: /Disconnect this device from HQ\?/ });
    expect(confirm).toHaveTextContent(/new code from the HQ administrator/);
    expect(await within(confirm).findByText(/Still only on this device: 0 incidents, 0 files|HQ has everything recorded here/)).toBeInTheDocument();
    expect(within(confirm).getByRole('button', { name: 'Yes, disconnect' })).toHaveFocus();
    // Backing out returns to the Disconnect button; nothing happened.
    await user.click(within(confirm).getByRole('button', { name: 'Stay connected' }));
    expect(within(dialog).getByRole('button', { name: 'Disconnect…' })).toHaveFocus();
    expect(within(dialog).getByText(/^Connected to https:\/\/hq\.example\.org/)).toBeInTheDocument();
  });
});
