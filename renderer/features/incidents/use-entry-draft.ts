// Keeps an entry form's values (work note, communication) as a per-incident draft: restored on open, saved while typing and on close.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useServices } from '../../app/services';
import type { JsonObject } from '../../db';
import { DEFAULT_AUTHOR } from '../../db/current-user';
import { discardEntryDraft, entryDraftId, getEntryDraft, saveEntryDraft, saveEntryDraftOnUnload, type EntryDraftKey, type EntryDraftKind } from '../../db/entry-drafts';
import { useFlushOnLeave } from '../use-flush-on-leave';
import { useCurrentUser } from '../user/use-current-user';

export const ENTRY_DRAFT_DELAY_MS = 300;

/** none: nothing kept; restored: brought back from an earlier visit; kept: what was typed is stored on this computer. */
export type EntryDraftStatus = 'none' | 'restored' | 'kept';

export interface EntryDraftShape<T extends JsonObject> {
  blank: T;
  /** Nothing worth keeping (an emptied form deletes its draft instead of storing blanks). */
  isBlank: (values: T) => boolean;
  /** Reads a stored draft back; null when it is not a draft this form can show. */
  parse: (stored: JsonObject) => T | null;
}

export interface EntryDraft<T extends JsonObject> {
  values: T;
  /** A person's edit: stored shortly after typing stops. */
  update: (next: T) => void;
  status: EntryDraftStatus;
  /** Why the draft could not be stored (disk full…), or null. */
  problem: string | null;
  /** Writes the pending edit now, so a save that is refused still leaves an up-to-date draft. */
  flush: () => Promise<void>;
  /** The entry was saved (its transaction deleted the draft): back to a blank form, nothing more is written. */
  saved: () => void;
  /** Throws the draft away. */
  discard: () => Promise<void>;
}

export function useEntryDraft<T extends JsonObject>(kind: EntryDraftKind, incidentId: string, shape: EntryDraftShape<T>): EntryDraft<T> {
  const { db } = useServices();
  const user = useCurrentUser();
  // The name entries are stamped with (entry-record.ts deletes the draft under the same name); undefined while loading.
  const owner = user === undefined ? undefined : user.name || DEFAULT_AUTHOR.name;
  const key = useMemo<EntryDraftKey | undefined>(() => (owner === undefined ? undefined : { kind, incidentId, owner }), [kind, incidentId, owner]);
  const [values, setValues] = useState<T>(shape.blank);
  const [status, setStatus] = useState<EntryDraftStatus>('none');
  const [problem, setProblem] = useState<string | null>(null);
  // Held in refs: the timer, page-hide and unmount handlers must see the latest edit without re-subscribing.
  const pending = useRef<T | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const touched = useRef(false);
  const shapeRef = useRef(shape);
  useEffect(() => {
    shapeRef.current = shape;
  }, [shape]);

  const stopTimer = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
  };

  const flush = useCallback(async () => {
    stopTimer();
    const next = pending.current;
    pending.current = null;
    if (!next) return;
    // Who is working is read once at start-up, before anyone can type; until then keep the edit pending.
    if (!key) {
      pending.current = next;
      return;
    }
    const blank = shapeRef.current.isBlank(next);
    const result = blank ? await discardEntryDraft(db, key) : await saveEntryDraft(db, key, next);
    setProblem(result.ok ? null : result.error.message);
    if (result.ok) setStatus(blank ? 'none' : 'kept');
    // Not stored (disk full…): kept pending, so the next pause, blur or close tries again unless newer text came.
    else if (pending.current === null) pending.current = next;
  }, [db, key]);

  // Restore what was typed on an earlier visit, unless the person has already started typing here.
  const shownKey = useRef<string | null>(null);
  useEffect(() => {
    if (!key) return;
    const id = entryDraftId(key);
    if (shownKey.current !== null && shownKey.current !== id) {
      // Someone else is working now: the form shows their draft (or nothing), never the previous person's text. That
      // text was written under the previous name when the old key's handlers were cleaned up.
      setValues(shapeRef.current.blank);
      setStatus('none');
      touched.current = false;
    }
    shownKey.current = id;
    let current = true;
    void getEntryDraft(db, key).then((draft) => {
      const restored = draft ? shapeRef.current.parse(draft.values) : null;
      if (!current || touched.current || !restored || shapeRef.current.isBlank(restored)) return;
      setValues(restored);
      setStatus('restored');
    });
    return () => {
      current = false;
    };
  }, [db, key]);

  // Page hidden or going away: write synchronously (no promise chain), else fall back to the normal save.
  // Closing the form (Escape, Back, another incident) unmounts it: the last keystrokes are written then.
  const flushNow = useCallback(() => {
    const next = pending.current;
    if (key && next && !shapeRef.current.isBlank(next) && saveEntryDraftOnUnload(db, key, next)) {
      stopTimer();
      pending.current = null;
    } else void flush();
  }, [db, key, flush]);
  useFlushOnLeave(flushNow, flush);

  const update = useCallback(
    (next: T) => {
      touched.current = true;
      setValues(next);
      pending.current = next;
      stopTimer();
      timer.current = setTimeout(() => void flush(), ENTRY_DRAFT_DELAY_MS);
    },
    [flush],
  );

  const saved = useCallback(() => {
    stopTimer();
    pending.current = null;
    setValues(shapeRef.current.blank);
    setStatus('none');
    // The entry is stored and its draft gone: an earlier "draft not kept" no longer applies.
    setProblem(null);
  }, []);

  const discard = useCallback(async () => {
    saved();
    if (!key) return;
    const result = await discardEntryDraft(db, key);
    setProblem(result.ok ? null : result.error.message);
  }, [db, key, saved]);

  return { values, update, status, problem, flush, saved, discard };
}
