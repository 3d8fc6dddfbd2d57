// The capture form's claim on the draft it works on: held while that draft is open here, passed on as the form switches drafts.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Draft } from '../../db';
import type { DraftClaims } from './draft-claims';

export interface DraftClaim {
  /**
   * Claims `draftId` before the form switches to it: false when another window holds it (nothing changes then). The
   * claim passes to the form once `draftId` is its draft; `drop` gives it back if the form does not switch after all.
   */
  take: (draftId: string) => Promise<boolean>;
  drop: (draftId: string) => void;
}

export function useDraftClaim(claims: DraftClaims, draftId: string): DraftClaim {
  // Claims taken ahead of a switch, not yet the form's own, counted (React's checks may run a restore twice at once).
  const taken = useRef(new Map<string, number>());

  // A fresh draft (a new id nobody else knows) is claimed as the form starts it, before anything is written to it.
  useEffect(() => {
    if (!untake(taken.current, draftId)) void claims.claim(draftId);
    return () => claims.release(draftId);
  }, [claims, draftId]);

  useEffect(() => {
    const pending = taken.current;
    return () => {
      for (const [id, count] of pending) for (let i = 0; i < count; i += 1) claims.release(id);
      pending.clear();
    };
  }, [claims]);

  const take = useCallback(
    async (id: string) => {
      const ok = await claims.claim(id);
      if (ok) taken.current.set(id, (taken.current.get(id) ?? 0) + 1);
      return ok;
    },
    [claims],
  );
  const drop = useCallback(
    (id: string) => {
      if (untake(taken.current, id)) claims.release(id);
    },
    [claims],
  );
  // One object for the form's life: its restore effect depends on it.
  return useMemo(() => ({ take, drop }), [take, drop]);
}

/** Takes one counted claim off the map; false when there was none. */
function untake(taken: Map<string, number>, id: string): boolean {
  const count = taken.get(id) ?? 0;
  if (count <= 1) taken.delete(id);
  else taken.set(id, count - 1);
  return count > 0;
}

export interface FreeDraft {
  /** The newest draft no other window holds, now claimed for this form; null when there is none. */
  draft: Draft | null;
  /** Another window is recording a new incident (it holds a draft, written yet or not). */
  othersRecording: boolean;
}

/**
 * Newest first, the first draft no other window holds (its window closed or crashed) is the one to carry on with, as
 * before there could be two windows; a draft another window has open is skipped, never shared.
 */
export async function claimNewestFreeDraft(drafts: readonly Draft[], claim: DraftClaim, claims: DraftClaims, stillWanted: () => boolean): Promise<FreeDraft> {
  let refused = false;
  for (const draft of drafts) {
    if (!stillWanted()) return { draft: null, othersRecording: refused };
    if (await claim.take(draft.id)) {
      if (stillWanted()) return { draft, othersRecording: refused };
      claim.drop(draft.id);
      return { draft: null, othersRecording: refused };
    }
    refused = true;
  }
  return { draft: null, othersRecording: refused || (await claims.heldElsewhere()).size > 0 };
}
