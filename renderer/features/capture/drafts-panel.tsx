// "Drafts": autosaved captures not yet saved as incidents, each with Resume and Discard (or where another window has it open).
import { useEffect, useState } from 'react';
import { useDrafts, type Draft } from '../../db';
import { formatLocal } from '../format';
import { draftLabel, fromDraftValues } from './capture-values';
import type { DraftClaims } from './draft-claims';

/** How often the list looks again at which drafts other windows hold (a window may close or crash at any time). */
const HELD_REFRESH_MS = 4_000;

interface DraftsPanelProps {
  currentId: string;
  claims: DraftClaims;
  onResume: (draft: Draft) => void;
  onDiscard: (draft: Draft) => void;
}

export function DraftsPanel({ currentId, claims, onResume, onDiscard }: DraftsPanelProps) {
  const drafts = useDrafts()?.filter((draft) => draft.id !== currentId);
  const held = useHeldElsewhere(claims, drafts?.map((draft) => draft.id).join(' ') ?? '');
  if (!drafts || drafts.length === 0) return null;
  return (
    <section className="drafts-panel" aria-labelledby="drafts-heading">
      <h3 id="drafts-heading">Drafts</h3>
      <ul>
        {drafts.map((draft) => {
          const label = draftLabel(fromDraftValues(draft.values));
          return (
            <li key={draft.id} className="draft-item">
              <span className="draft-title">{label}</span>
              <span className="hint">{formatLocal(draft.updatedAt)}</span>
              {/* Offered in one window only: the one that has it open saves or discards it. */}
              {held.has(draft.id) ? (
                <span className="hint draft-elsewhere">Open in another window</span>
              ) : (
                <>
                  <button type="button" onClick={() => onResume(draft)} aria-label={`Resume draft: ${label}`}>
                    Resume
                  </button>
                  <button type="button" onClick={() => onDiscard(draft)} aria-label={`Discard draft: ${label}`}>
                    Discard
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The drafts other windows hold, looked at again when the list changes, when this window comes back to the front, and now and then. */
function useHeldElsewhere(claims: DraftClaims, listed: string): ReadonlySet<string> {
  const [held, setHeld] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    if (!claims.shared || listed === '') return;
    let current = true;
    const look = () =>
      void claims.heldElsewhere().then((ids) => {
        if (current) setHeld((before) => (sameIds(before, ids) ? before : ids));
      });
    look();
    const timer = setInterval(look, HELD_REFRESH_MS);
    window.addEventListener('focus', look);
    document.addEventListener('visibilitychange', look);
    return () => {
      current = false;
      clearInterval(timer);
      window.removeEventListener('focus', look);
      document.removeEventListener('visibilitychange', look);
    };
  }, [claims, listed]);
  return held;
}

function sameIds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((id) => b.has(id));
}
