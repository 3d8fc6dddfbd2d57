// Whether main stores the device key only obfuscated (no system keyring), asked over secrets:status each time Sync settings opens.
import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';

/** true: no keyring (Linux basic_text); false: encrypted, or not known (browser mode, or the question failed). */
export function useKeyObfuscated(): boolean {
  const { host } = useServices();
  const [obfuscated, setObfuscated] = useState(false);
  useEffect(() => {
    if (!host.secretsStatus) return;
    let live = true;
    host
      .secretsStatus()
      .then((status) => {
        if (live) setObfuscated(status.plainTextFallback);
      })
      // No answer is no news: the connect result still says it when it applies.
      .catch((error: unknown) => console.warn('Lantern: could not ask how the device key is stored', error));
    return () => {
      live = false;
    };
  }, [host]);
  return obfuscated;
}
