// Shows whether the browser promised to keep Lantern's data (persistent storage) and how much is used.
import { useEffect, useState } from 'react';
import { requestPersistentStorage } from '../../db';

type Persistence = 'granted' | 'denied' | 'unsupported' | 'checking';

/** `short` is what a narrow top bar shows (the full text stays for screen readers and in the title). */
const LABELS: Record<Persistence, { text: string; short: string; title: string }> = {
  checking: { text: 'Storage: checking…', short: 'Storage…', title: 'Asking the browser to keep Lantern data on this computer.' },
  granted: { text: 'Storage: persistent', short: 'Storage ✓', title: 'The browser will not clear Lantern data to free space.' },
  denied: {
    text: 'Storage: not guaranteed',
    short: 'Storage ⚠',
    title: 'Storage not guaranteed. The browser may clear Lantern data under storage pressure. Sync with HQ often, or install the desktop app.',
  },
  unsupported: { text: 'Storage: unknown', short: 'Storage ?', title: 'Storage unknown. This browser cannot promise to keep data. Sync with HQ often.' },
};

export function StorageStatus() {
  const [state, setState] = useState<Persistence>('checking');
  useEffect(() => {
    let alive = true;
    void requestPersistentStorage().then((result) => alive && setState(result));
    return () => {
      alive = false;
    };
  }, []);
  const label = LABELS[state];
  return (
    <span className={`status-pill storage-${state}`} title={label.title} role="status">
      <span className="pill-long">{label.text}</span>
      <span className="pill-short" aria-hidden="true">{label.short}</span>
    </span>
  );
}
