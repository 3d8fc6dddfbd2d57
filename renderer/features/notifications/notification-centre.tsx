// The top-bar "Notifications" button with its unread count, and the centre: every alert shown, unread state, settings.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useServices } from '../../app/services';
import type { NotificationCentreEntry } from '../../../shared/domain';
import { inAppBody } from '../../../shared/notifications/wording';
import { useUiStore } from '../../store/ui-store';
import { formatLocal } from '../format';
import { NotificationSettingsForm } from './notification-settings';
import { PermissionPrompt } from './permission-prompt';
import { useNotificationCentre } from './use-notification-centre';
import './notifications.css';

/** "28 Nov 2026 00:31", as every other time in the app (the locale's "Nov 28, 12:31 AM" mixed 12- and 24-hour clocks). */
function shownAt(ms: number): string {
  return formatLocal(new Date(ms).toISOString());
}

function Entry({ entry, onPick }: { entry: NotificationCentreEntry; onPick: (entry: NotificationCentreEntry) => void }) {
  return (
    <li className={entry.read ? 'notification-entry' : 'notification-entry unread'}>
      <button type="button" className="notification-open" onClick={() => onPick(entry)}>
        {!entry.read && <span className="notification-unread">Unread</span>}
        <strong>{entry.title}</strong>
        <span className="notification-body">{inAppBody(entry.body)}</span>
        <span className="notification-when">
          {/* Repeated reminders of one incident are one entry: how many it stands for, and when the latest came. */}
          {(entry.count ?? 1) > 1 && <span className="notification-repeat">{`Reminded ${entry.count} times · latest `}</span>}
          <time dateTime={new Date(entry.shownAt).toISOString()}>{shownAt(entry.shownAt)}</time>
        </span>
      </button>
    </li>
  );
}

/** Mount in the top bar. `onOpenIncident` shows an incident (from an entry, or from a clicked system notification). */
export function NotificationCentre({ onOpenIncident }: { onOpenIncident: (incidentId: string) => void }) {
  const { host } = useServices();
  const notifications = host.notifications;
  const centre = useNotificationCentre(notifications);
  const { markIncidentRead } = centre;
  const openIncidentId = useUiStore((s) => (s.pane.kind === 'incident' ? s.pane.id : null));
  const [open, setOpen] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const panelId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);

  /** Closes the panel; `returnFocus` puts the keyboard back on the top-bar button (Escape, or a click on nothing focusable). */
  const close = useCallback((returnFocus: 'always' | 'if-lost') => {
    setOpen(false);
    if (returnFocus === 'always') {
      buttonRef.current?.focus();
      return;
    }
    // After the click's own focus change: keep focus where the person clicked, unless it fell to the page body.
    setTimeout(() => {
      const active = document.activeElement;
      if (active === null || active === document.body || !active.isConnected) buttonRef.current?.focus();
    }, 0);
  }, []);

  // Opening moves the keyboard into the panel, so Escape and Tab act on it at once.
  useEffect(() => {
    if (open) panelRef.current?.focus();
  }, [open]);

  // A press anywhere outside the button and the panel closes it (a non-modal popover, like a menu).
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const container = containerRef.current;
      if (container && event.target instanceof Node && !container.contains(event.target)) close('if-lost');
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, close]);

  // Focus arriving anywhere outside (Tab past the last control, a shortcut, Tab from a control inside that went away)
  // closes it: a popover left behind would keep Escape and cover the page. Focus falling to nothing does not.
  useEffect(() => {
    if (!open) return;
    const onFocusIn = (event: FocusEvent) => {
      const container = containerRef.current;
      if (container && event.target instanceof Node && !container.contains(event.target)) setOpen(false);
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [open]);

  // A clicked system notification: show its incident, or this centre when it was a digest.
  useEffect(
    () =>
      notifications.onOpen((incidentId) => {
        if (incidentId) onOpenIncident(incidentId);
        else setOpen(true);
      }),
    [notifications, onOpenIncident],
  );

  // Opening an incident (from the list, an alert, a link) reads its alerts: the badge counts only what is still news.
  useEffect(() => {
    if (openIncidentId !== null) void markIncidentRead(openIncidentId);
  }, [openIncidentId, markIncidentRead]);

  const pick = (entry: NotificationCentreEntry) => {
    if (!entry.read) void centre.markRead([entry.id]);
    if (entry.incidentId) {
      onOpenIncident(entry.incidentId);
      setOpen(false);
    }
  };

  return (
    <div
      ref={containerRef}
      className="notification-centre"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !open) return;
        // Handled here: the app-wide Escape (close the open pane) must not also fire.
        event.preventDefault();
        event.stopPropagation();
        close('always');
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="ghost"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={centre.unread > 0 ? `Notifications, ${centre.unread} unread` : 'Notifications'}
        onClick={() => setOpen(!open)}
      >
        Notifications
        {centre.unread > 0 && (
          <span className="notification-count" aria-hidden="true">
            {centre.unread > 99 ? '99+' : centre.unread}
          </span>
        )}
      </button>
      {open && (
        <section
          id={panelId}
          ref={panelRef}
          className="notification-panel"
          role="dialog"
          aria-label="Notification centre"
          tabIndex={-1}
        >
          <header className="notification-actions">
            <h2>Notifications</h2>
            <button type="button" className="ghost" disabled={centre.unread === 0} onClick={() => void centre.markRead()}>
              Mark all read
            </button>
            <button type="button" className="ghost" aria-expanded={showSettings} onClick={() => setShowSettings(!showSettings)}>
              Settings
            </button>
          </header>
          {host.kind === 'browser' && <PermissionPrompt notifications={notifications} />}
          {showSettings && <NotificationSettingsForm notifications={notifications} hostKind={host.kind} />}
          {centre.problem && <p role="alert">{centre.problem}</p>}
          {centre.entries.length === 0 ? (
            <p className="hint">Nothing yet. SLA warnings, assignments, escalations and sync problems appear here.</p>
          ) : (
            <>
              {/* In place of the OS notices' "Open Lantern and search for …": here the entry itself opens the incident. */}
              {centre.entries.some((entry) => entry.incidentId !== null) && <p className="hint">Choose an alert to open its incident.</p>}
              <ul className="notification-list" aria-label="Notification list">
                {centre.entries.map((entry) => (
                  <Entry key={entry.id} entry={entry} onPick={pick} />
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
