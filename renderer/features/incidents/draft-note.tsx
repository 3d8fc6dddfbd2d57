// The small line under an entry form saying its text is kept as a draft (or why it could not be), with "Discard draft".
import type { JsonObject } from '../../db';
import type { EntryDraft } from './use-entry-draft';

export function DraftNote<T extends JsonObject>({ draft }: { draft: EntryDraft<T> }) {
  if (draft.problem) return <span className="field-error draft-note" role="alert">{`Draft not kept: ${draft.problem}`}</span>;
  if (draft.status === 'none') return null;
  return (
    <span className="draft-note">
      <span className="hint" role="status">{draft.status === 'restored' ? 'Draft restored' : 'Draft kept'}</span>
      <button type="button" className="ghost" onClick={() => void draft.discard()}>Discard draft</button>
    </span>
  );
}
