// "Drafts": autosaved captures not yet saved as incidents, each with Resume and Discard.
import { useDrafts, type Draft } from '../../db';
import { formatLocal } from '../format';
import { draftLabel, fromDraftValues } from './capture-values';

export function DraftsPanel({ currentId, onResume, onDiscard }: { currentId: string; onResume: (draft: Draft) => void; onDiscard: (draft: Draft) => void }) {
  const drafts = useDrafts()?.filter((draft) => draft.id !== currentId);
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
              <button type="button" onClick={() => onResume(draft)} aria-label={`Resume draft: ${label}`}>
                Resume
              </button>
              <button type="button" onClick={() => onDiscard(draft)} aria-label={`Discard draft: ${label}`}>
                Discard
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
