// Fetches a file only HQ holds, checks its SHA-256 and keeps it on this device; says what is happening in plain words.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices } from '../../app/services';
import { storeFetchedBytes } from '../../db/attachments-fetched';

export type FetchState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'failed'; message: string };

export interface FetchFromHq {
  state: FetchState;
  /** Absent when the host cannot fetch files from HQ. */
  start: (() => void) | undefined;
}

export function useFetchFromHq(sha256: string): FetchFromHq {
  const { db, host } = useServices();
  const [state, setState] = useState<FetchState>({ kind: 'idle' });
  // A fetch that ends after the row left the screen has nobody to tell; the bytes are kept all the same.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const files = host.files;
  const start = useCallback(() => {
    if (!files) return;
    setState({ kind: 'busy' });
    void (async () => {
      let next: FetchState = { kind: 'idle' };
      try {
        const stored = await storeFetchedBytes(db, sha256, await files.fetchFromHq(sha256));
        if (!stored.ok) next = { kind: 'failed', message: stored.message };
      } catch (error) {
        next = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
      }
      // On success the live query turns the row into a local file; this state only matters if it stays.
      if (mounted.current) setState(next);
    })();
  }, [db, files, sha256]);
  return { state, start: files ? start : undefined };
}
