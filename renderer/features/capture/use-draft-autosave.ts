// Autosaves the capture form into the drafts table: debounced while typing, at once on blur, page hide and unmount.
import { useCallback, useEffect, useRef } from 'react';
import { saveDraft, type JsonObject, type LanternDb, type RepoResult } from '../../db';
import { useFlushOnLeave } from '../use-flush-on-leave';
import { saveDraftOnUnload } from '../../db/draft-unload';

export const AUTOSAVE_DELAY_MS = 300;

interface PendingDraft {
  id: string;
  values: JsonObject;
}

export interface DraftAutosave {
  /** Writes the pending change now (resolves at once when nothing is pending). */
  flush: () => Promise<void>;
  /** Drops the pending change (the draft was saved as an incident or discarded); ends a hold. */
  cancel: () => void;
  /**
   * Writes nothing until `release` or `cancel`: while the form is being saved as an incident, whose transaction deletes
   * the draft, a keystroke's write landing after it would bring the saved draft back (offered again as "Draft restored").
   */
  hold: () => void;
  /** Ends a hold (the save was refused) and writes what was typed meanwhile. */
  release: () => Promise<void>;
}

/**
 * `values` null means "nothing to keep yet" (an untouched form never becomes a draft).
 * `onResult` reports each write, so the form can say "Draft saved" or why it was not.
 */
export function useDraftAutosave(
  db: LanternDb,
  draftId: string,
  values: JsonObject | null,
  onResult: (result: RepoResult<unknown>) => void,
  delayMs: number = AUTOSAVE_DELAY_MS,
): DraftAutosave {
  const pending = useRef<PendingDraft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const report = useRef(onResult);
  const held = useRef(false);

  useEffect(() => {
    report.current = onResult;
  }, [onResult]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    if (held.current) return;
    const draft = pending.current;
    pending.current = null;
    if (!draft) return;
    const result = await saveDraft(db, draft.id, draft.values);
    // A refused write stays pending (unless newer typing replaced it), so blur, page hide or closing tries it again.
    if (!result.ok && pending.current === null) pending.current = draft;
    report.current(result);
  }, [db]);

  /** Page going away: write synchronously (no promise chain), else fall back to the normal save. */
  const flushNow = useCallback(() => {
    const draft = pending.current;
    if (held.current) return;
    if (draft && saveDraftOnUnload(db, draft.id, draft.values)) {
      clearTimeout(timer.current);
      timer.current = undefined;
      pending.current = null;
    } else void flush();
  }, [db, flush]);

  const cancel = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    pending.current = null;
    held.current = false;
  }, []);

  const hold = useCallback(() => {
    held.current = true;
  }, []);

  const release = useCallback(async () => {
    held.current = false;
    await flush();
  }, [flush]);

  useEffect(() => {
    if (!values) return;
    pending.current = { id: draftId, values };
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), delayMs);
  }, [values, draftId, delayMs, flush]);

  // Closing the form (Cancel, Escape, switching panes) keeps what was typed.
  useFlushOnLeave(flushNow, flush);

  return { flush, cancel, hold, release };
}
