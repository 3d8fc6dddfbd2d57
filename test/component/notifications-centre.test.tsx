// The notification centre: unread count on the top-bar button, the list with unread state, mark read, settings, permission.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, ensureDevice, openLanternDb } from '../../renderer/db';
import { NotificationCentre } from '../../renderer/features/notifications';
import { NotificationSettingsForm } from '../../renderer/features/notifications/notification-settings';
import { fakeNotifications } from './support/fake-notifications';
import { createBrowserHost } from '../../renderer/host/browser-host';
import { createBrowserNotifications } from '../../renderer/host/browser-notifications';
import type { HostNotifications } from '../../renderer/host/host-notifications';
import type { WebNotificationClass } from '../../renderer/host/web-notifier';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings, type SlaWatch } from '../../shared/domain';

let counter = 0;

function permissionClass(permission: NotificationPermission) {
  class FakeNotification {
    static permission = permission;
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = 'granted';
      return 'granted' as const;
    });
    onclick = null;
    close = vi.fn();
  }
  return FakeNotification as unknown as WebNotificationClass & { requestPermission: ReturnType<typeof vi.fn> };
}

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

async function renderCentre(permission: NotificationPermission = 'granted') {
  counter += 1;
  window.localStorage.clear();
  const db = openLanternDb(`notifications-centre-${Date.now()}-${counter}`);
  await ensureDevice(db);
  const Notification = permissionClass(permission);
  const inPage = createBrowserNotifications(window, { Notification });
  // Lets a test play a clicked system notification.
  const clicks = new Set<(incidentId: string | null) => void>();
  const clickNotification = (incidentId: string | null) => act(() => clicks.forEach((listener) => listener(incidentId)));
  const notifications: HostNotifications = {
    ...inPage,
    onOpen: (listener) => {
      clicks.add(listener);
      return () => void clicks.delete(listener);
    },
  };
  const services: Services = { db, incidents: createIncidentRepository(db), host: { ...createBrowserHost(), notifications } };
  const onOpenIncident = vi.fn();
  const user = userEvent.setup();
  render(
    <ServicesProvider services={services}>
      <NotificationCentre onOpenIncident={onOpenIncident} />
    </ServicesProvider>,
  );
  return { user, notifications, onOpenIncident, Notification, clickNotification };
}

describe('notification centre', { timeout: 15_000 }, () => {
  it('counts unread alerts, lists them, opens an incident and marks everything read', async () => {
    const { user, notifications, onOpenIncident } = await renderCentre();
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    await notifications.watch({ watches: [breached('inc-1', 'K7QM-0001'), breached('inc-2', 'K7QM-0002')], removed: [] });
    const button = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    await user.click(button);
    const panel = screen.getByRole('dialog', { name: 'Notification centre' });
    const items = within(within(panel).getByRole('list', { name: 'Notification list' })).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByText('Unread')).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: /Time to own breached: K7QM-0001/ }));
    expect(onOpenIncident).toHaveBeenCalledWith('inc-1');
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Notifications, 1 unread' }));
    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    expect(within(screen.getByRole('dialog', { name: 'Notification centre' })).queryByText('Unread')).toBeNull();
  });

  it("words entries for someone already in Lantern (the entry opens the incident, no \"search for\") with the app's 24-hour times", async () => {
    const { user, notifications, onOpenIncident } = await renderCentre();
    await notifications.watch({ watches: [breached('inc-1', 'K7QM-0001')], removed: [] });
    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    const panel = screen.getByRole('dialog', { name: 'Notification centre' });
    expect(within(panel).getByText('Choose an alert to open its incident.')).toBeInTheDocument();
    const entry = within(panel).getByRole('button', { name: /Time to own breached: K7QM-0001/ });
    expect(entry).toHaveTextContent(/P1 Critical · Chiller down\.\s*\d/);
    expect(entry).not.toHaveTextContent(/Open Lantern|search for/);

    // "28 Nov 2026 00:31" as everywhere else in the app, not the locale's "Nov 28, 12:31 AM".
    const time = within(entry).getByText((_, element) => element?.tagName === 'TIME');
    const shown = new Date(time.getAttribute('datetime')!);
    const two = (n: number) => String(n).padStart(2, '0');
    const month = shown.toLocaleString('en', { month: 'short' });
    expect(time).toHaveTextContent(`${shown.getDate()} ${month} ${shown.getFullYear()} ${two(shown.getHours())}:${two(shown.getMinutes())}`);
    expect(time).not.toHaveTextContent(/AM|PM/);

    // What the entry promises: Enter on it opens the incident.
    entry.focus();
    await user.keyboard('{Enter}');
    expect(onOpenIncident).toHaveBeenCalledWith('inc-1');
  });

  it('opens the incident of a clicked system notification, or the centre for a digest', async () => {
    const { onOpenIncident, clickNotification } = await renderCentre();
    await screen.findByRole('button', { name: 'Notifications' });
    clickNotification('inc-9');
    expect(onOpenIncident).toHaveBeenCalledWith('inc-9');
    expect(screen.queryByRole('dialog', { name: 'Notification centre' })).toBeNull();
    clickNotification(null);
    expect(await screen.findByRole('dialog', { name: 'Notification centre' })).toBeInTheDocument();
  });

  it('saves quiet settings: pause, do not disturb and per-category mute', async () => {
    const { user, notifications } = await renderCentre();
    await user.click(await screen.findByRole('button', { name: 'Notifications' }));
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const form = await screen.findByRole('form', { name: 'Notification settings' });
    await user.click(within(form).getByRole('checkbox', { name: 'Escalations' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Pause notifications' }));
    await user.selectOptions(within(form).getByLabelText('Do not disturb'), 'For 1 hour');
    await vi.waitFor(async () => expect(await notifications.getSettings()).toMatchObject({ muted: ['escalation'], paused: true }));
    const until = (await notifications.getSettings()).doNotDisturbUntil ?? 0;
    expect(until - Date.now()).toBeGreaterThan(50 * 60_000);
    expect(within(form).getByText(/Quiet until/)).toBeInTheDocument();
    expect(within(form).queryByRole('checkbox', { name: /tray/ })).toBeNull();
  });

  it('sets the stakeholder-update reminder interval for major incidents (or none)', async () => {
    const { user, notifications } = await renderCentre();
    await user.click(await screen.findByRole('button', { name: 'Notifications' }));
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const form = await screen.findByRole('form', { name: 'Notification settings' });
    const interval = within(form).getByLabelText('Stakeholder updates on major incidents');
    expect(interval).toHaveDisplayValue('Remind every 30 min');
    await user.selectOptions(interval, 'Remind every 1 h');
    await vi.waitFor(async () => expect((await notifications.getSettings()).majorUpdateEveryMinutes).toBe(60));
    await user.selectOptions(interval, 'No reminders');
    await vi.waitFor(async () => expect((await notifications.getSettings()).majorUpdateEveryMinutes).toBeNull());
  });

  it('moves focus into the panel when it opens; Escape closes it and gives focus back to the toolbar button', async () => {
    const { user } = await renderCentre();
    const button = await screen.findByRole('button', { name: 'Notifications' });
    await user.click(button);
    const panel = screen.getByRole('dialog', { name: 'Notification centre' });
    expect(panel).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Notification centre' })).toBeNull();
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
    // Also from a control inside the panel.
    await user.click(button);
    await user.click(within(screen.getByRole('dialog', { name: 'Notification centre' })).getByRole('button', { name: 'Settings' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Notification centre' })).toBeNull();
    expect(button).toHaveFocus();
  });

  it('closes when the person clicks outside it, and focus is not left nowhere', async () => {
    const { user } = await renderCentre();
    const outside = document.createElement('p');
    outside.textContent = 'Somewhere else on the page';
    document.body.append(outside);
    try {
      const button = await screen.findByRole('button', { name: 'Notifications' });
      await user.click(button);
      expect(screen.getByRole('dialog', { name: 'Notification centre' })).toBeInTheDocument();
      // A click inside the panel keeps it open.
      await user.click(screen.getByRole('heading', { name: 'Notifications' }));
      expect(screen.getByRole('dialog', { name: 'Notification centre' })).toBeInTheDocument();
      await user.click(outside);
      expect(screen.queryByRole('dialog', { name: 'Notification centre' })).toBeNull();
      await vi.waitFor(() => expect(button).toHaveFocus());
    } finally {
      outside.remove();
    }
  });

  it('shows the real do-not-disturb state in its control: Off, then "On until …" once set', async () => {
    const { user } = await renderCentre();
    await user.click(await screen.findByRole('button', { name: 'Notifications' }));
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const form = await screen.findByRole('form', { name: 'Notification settings' });
    const dnd = within(form).getByLabelText('Do not disturb');
    expect(dnd).toHaveDisplayValue('Off');
    expect(within(form).queryByRole('option', { name: /Choose/ })).toBeNull();
    await user.selectOptions(dnd, 'For 30 minutes');
    // The app's 24-hour clock ("On until 00:17", not "12:17 AM"); after midnight with the date too ("28 Nov 2026 00:17"): the test may run at 23:47.
    await vi.waitFor(() => expect(dnd).toHaveDisplayValue(/^On until (\d{1,2} [A-Z][a-z]{2} \d{4} )?\d{2}:\d{2}$/));
    expect(dnd).toHaveAccessibleDescription(/Quiet until/);
    await user.selectOptions(dnd, 'Off');
    await vi.waitFor(() => expect(dnd).toHaveDisplayValue('Off'));
    expect(within(form).queryByText(/Quiet until/)).toBeNull();
  });

  it('in Electron, offers and saves "keep running in the tray" (a closed window hides instead of quitting)', async () => {
    let saved: NotificationSettings = { ...DEFAULT_NOTIFICATION_SETTINGS, closeToTray: true };
    const notifications = fakeNotifications({ getSettings: async () => saved, setSettings: async (next) => (saved = next) });
    const user = userEvent.setup();
    render(<NotificationSettingsForm notifications={notifications} hostKind="electron" />);
    const tray = await screen.findByRole('checkbox', { name: 'Keep running in the tray when the window is closed' });
    expect(tray).toBeChecked();
    await user.click(tray);
    await vi.waitFor(() => expect(saved.closeToTray).toBe(false));
    expect(tray).not.toBeChecked();
  });

  it('explains, then asks for browser permission once', async () => {
    const { user, Notification } = await renderCentre('default');
    await user.click(await screen.findByRole('button', { name: 'Notifications' }));
    const note = screen.getByRole('note', { name: 'Allow notifications' });
    expect(note).toHaveTextContent(/SLA target/);
    await user.click(within(note).getByRole('button', { name: 'Allow notifications' }));
    expect(Notification.requestPermission).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('note', { name: 'Allow notifications' })).toBeNull();
  });

  it('does not ask again after "Not now"', async () => {
    const { user } = await renderCentre('default');
    await user.click(await screen.findByRole('button', { name: 'Notifications' }));
    await user.click(screen.getByRole('button', { name: 'Not now' }));
    // The buttons went away with the note: focus stays in the centre (Tab goes on from there), not on the page.
    expect(screen.getByRole('dialog', { name: 'Notification centre' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Notifications' }));
    await user.click(screen.getByRole('button', { name: 'Notifications' }));
    expect(screen.queryByRole('note', { name: 'Allow notifications' })).toBeNull();
    expect(window.localStorage.getItem('lantern.notification-permission-asked')).toBe('1');
  });
});
