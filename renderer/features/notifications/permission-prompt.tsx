// Browser mode only: explains why Lantern wants to show notifications, then asks the browser once.
import { useRef, useState } from 'react';
import type { HostNotifications } from '../../host/host-notifications';

export const PERMISSION_ASKED_KEY = 'lantern.notification-permission-asked';

function wasAsked(): boolean {
  try {
    return window.localStorage.getItem(PERMISSION_ASKED_KEY) === '1';
  } catch {
    return false;
  }
}

function rememberAsked(): void {
  try {
    window.localStorage.setItem(PERMISSION_ASKED_KEY, '1');
  } catch {
    // Private mode: the prompt may show again next time, which is harmless.
  }
}

export function PermissionPrompt({ notifications }: { notifications: HostNotifications }) {
  const [state, setState] = useState(() => notifications.permission());
  const [hidden, setHidden] = useState(wasAsked);
  const noteRef = useRef<HTMLDivElement>(null);
  if (hidden || state !== 'default') return null;

  const decide = async (ask: boolean) => {
    rememberAsked();
    // The buttons go away with the note: focus moves to the panel around it rather than falling to the page.
    noteRef.current?.closest<HTMLElement>('[role="dialog"]')?.focus();
    setHidden(true);
    if (ask) setState(await notifications.requestPermission());
  };

  return (
    <div ref={noteRef} className="notification-permission" role="note" aria-label="Allow notifications">
      <p>
        Lantern can tell you when an incident nears or breaches its SLA target, is assigned to you or is escalated, even
        while this tab is in the background. Your browser asks once; everything is also listed here either way.
      </p>
      <div className="notification-actions">
        <button type="button" className="primary" onClick={() => void decide(true)}>
          Allow notifications
        </button>
        <button type="button" className="ghost" onClick={() => void decide(false)}>
          Not now
        </button>
      </div>
    </div>
  );
}
