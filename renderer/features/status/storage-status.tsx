// Shows whether the browser promised to keep Lantern's data (persistent storage) and how much is used.
import { useEffect, useState } from 'react';
import { requestPersistentStorage } from '../../db';

type Persistence = 'granted' | 'denied' | 'unsupported' | 'checking';

const LABELS: Record<Persistence, { text: string; title: string }> = {
  checking: { text: 'Storage: checking…', title: 'Asking the browser to keep Lantern data on this computer.' },
  granted: { text: 'Storage: persistent', title: 'The browser will not clear Lantern data to free space.' },
  denied: {
    text: 'Storage: not guaranteed',
    title: 'The browser may clear Lantern data under storage pressure. Sync with HQ often, or install the desktop app.',
  },
  unsupported: { text: 'Storage: unknown', title: 'This browser cannot promise to keep data. Sync with HQ often.' },
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
      {label.text}
    </span>
  );
}
