// The top-bar sync indicator in every state (not connected, offline, n of m, up to date, failing, clock skew) and the dialog by keyboard.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { INITIAL_SYNC_STATUS, SYNC_ERROR_MESSAGES, type SyncStatus } from '../../shared/sync/engine';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, ensureDevice, openLanternDb } from '../../renderer/db';
import { SyncSettingsButton } from '../../renderer/features/sync/sync-settings-button';
import { SyncStatusIndicator } from '../../renderer/features/sync/sync-status-indicator';
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
  });

  it('shows offline, progress n of m, up to date with the time, and failing with the reason in plain words', async () => {
    const { emit } = await renderIndicator({ hqUrl: 'https://hq.example.org', deviceName: 'Laptop 7', connectedAt: Date.now() });
    await emit({ state: 'offline' });
    expect(await within(indicator()).findByText('Offline')).toBeInTheDocument();
    await emit({ state: 'syncing', progress: { phase: 'push', done: 3, total: 12 } });
    expect(within(indicator()).getByText('Syncing 3 of 12')).toBeInTheDocument();
    await emit({ state: 'syncing', progress: { phase: 'files', done: 1, total: 5 } });
    expect(within(indicator()).getByText('Uploading file 2 of 5')).toBeInTheDocument();
    await emit({ state: 'up-to-date', progress: null, lastSuccessAt: Date.parse('2026-11-26T14:30:00Z') });
    expect(within(indicator()).getByText(/^Up to date, last synced 26 Nov 2026 \d\d:30$/)).toBeInTheDocument();
    await emit({ state: 'failing', lastError: { kind: 'revoked', message: SYNC_ERROR_MESSAGES.revoked } });
    expect(within(indicator()).getByText('Sync failing')).toBeInTheDocument();
    expect(within(indicator()).getByText(SYNC_ERROR_MESSAGES.revoked)).toBeInTheDocument();
  });

  it('warns when this computer’s clock differs a lot from HQ', async () => {
    const { emit } = await renderIndicator({ hqUrl: 'https://hq.example.org', deviceName: 'Laptop 7', connectedAt: Date.now() });
    await emit({ state: 'up-to-date', lastSuccessAt: Date.now(), clockSkew: { ms: 6 * 3600_000, large: true } });
    const warning = await within(indicator()).findByText('Clock differs from HQ');
    expect(warning).toHaveAttribute('title', expect.stringContaining('about 6 hours behind HQ'));
  });
});

describe('sync settings dialog by keyboard', () => {
  it('opens from the top-bar button, focuses its close button, and Escape returns focus to the button', async () => {
    counter += 1;
    const db = openLanternDb(`sync-dialog-${Date.now()}-${counter}`);
    await ensureDevice(db);
    const services: Services = { db, incidents: createIncidentRepository(db), host: { ...createBrowserHost(), sync: scriptedSync(null).sync } };
    render(
      <ServicesProvider services={services}>
        <SyncSettingsButton />
      </ServicesProvider>,
    );
    const user = userEvent.setup();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Sync settings' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Close sync settings' })).toHaveFocus();
    expect(await screen.findByLabelText('HQ address')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Sync settings' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sync settings' })).toHaveFocus();
  });
});
