// The app's one polite live region: mounted once in the shell, before anything is said, so every announcement is read.
import { useAnnounceStore } from '../store/announce-store';

export function Announcer() {
  const message = useAnnounceStore((s) => s.message);
  const serial = useAnnounceStore((s) => s.serial);
  // A new child node per announcement: screen readers read added nodes, so the same text twice is read twice.
  return (
    <div role="status" className="visually-hidden announcer">
      {message !== '' && <span key={serial}>{message}</span>}
    </div>
  );
}
