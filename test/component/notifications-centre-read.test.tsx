// The centre's unread count follows what the person has seen: opening an incident reads its alerts; repeated reminders are one entry.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, ensureDevice, openLanternDb } from '../../renderer/db';
import { NotificationCentre } from '../../renderer/features/notifications';
import { createBrowserHost } from '../../renderer/host/browser-host';
import { createBrowserNotifications } from '../../renderer/host/browser-notifications';
import type { HostNotifications } from '../../renderer/host/host-notifications';
import { useUiStore } from '../../renderer/store/ui-store';
import type { NotificationCentreEntry, SlaWatch } from '../../shared/domain';
import { fakeNotifications } from './support/fake-notifications';

let counter = 0;

const breached = (id: string, number: string): SlaWatch => ({
  id,
  number,
  title: 'Chiller down',
  priority: 1,
  major: false,
  status: 'new',
  assignee: null,
  policyId: 'gold',
  createdAtMs: Date.now() - 20 * 60_000,
  changes: [],
  lastUpdateAt: null,
  updateEveryMinutes: null,
});

async function renderCentre(notifications?: HostNotifications) {
  counter += 1;
  window.localStorage.clear();
  const db = openLanternDb(`notifications-centre-read-${Date.now()}-${counter}`);
  await ensureDevice(db);
  const host = notifications ?? createBrowserNotifications(window, { Notification: null });
  const services: Services = { db, incidents: createIncidentRepository(db), host: { ...createBrowserHost(), notifications: host } };
  const user = userEvent.setup();
  render(
    <ServicesProvider services={services}>
      <NotificationCentre onOpenIncident={(id) => useUiStore.getState().openIncident(id)} />
    </ServicesProvider>,
  );
  return { user, notifications: host };
}

afterEach(() => useUiStore.setState({ pane: { kind: 'empty' } }));

describe('notification centre read state', { timeout: 15_000 }, () => {
  it('reads the alerts of an incident once it is opened, however it was opened', async () => {
    const { user, notifications } = await renderCentre();
    await notifications.watch({ watches: [breached('inc-1', 'K7QM-0001'), breached('inc-2', 'K7QM-0002')], removed: [] });
    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument();

    // Opened from the incident list (not from the centre).
    act(() => useUiStore.getState().openIncident('inc-2'));
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Notifications, 1 unread' }));
    const entry = within(screen.getByRole('dialog', { name: 'Notification centre' })).getByRole('button', { name: /K7QM-0002/ });
    expect(within(entry).queryByText('Unread')).toBeNull();

    // Kept after a reload: the read state is saved, not just shown.
    await vi.waitFor(
      async () => {
        const reloaded = await createBrowserNotifications(window, { Notification: null }).list();
        expect(reloaded.entries.find((e) => e.incidentId === 'inc-2')?.read).toBe(true);
        expect(reloaded.unread).toBe(1);
      },
      { timeout: 4000, interval: 250 },
    );
  });

  it('shows repeated reminders of one incident as one entry saying how many it stands for', async () => {
    const reminder: NotificationCentreEntry = {
      id: 'reminder:inc-1:1800000',
      category: 'reminder',
      incidentId: 'inc-1',
      title: 'Stakeholder update due: K7QM-0001',
      body: 'No update to stakeholders on the major incident "Chiller down" for 2 h 1 min. Open Lantern and search for K7QM-0001.',
      shownAt: Date.now(),
      read: false,
      silent: false,
      count: 4,
    };
    const { user } = await renderCentre(fakeNotifications({ list: async () => ({ entries: [reminder], unread: 1 }) }));
    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    const list = within(screen.getByRole('dialog', { name: 'Notification centre' })).getByRole('list', { name: 'Notification list' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(within(items[0]!).getByRole('button', { name: /Stakeholder update due: K7QM-0001.*Reminded 4 times · latest/ })).toBeInTheDocument();
  });
});
