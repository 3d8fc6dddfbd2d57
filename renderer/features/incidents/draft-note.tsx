// The small line under an entry form saying its text is kept as a draft (or why it could not be), with "Discard draft".
import type { JsonObject } from '../../db';
import { DATABASE_CLOSED_MESSAGE } from '../../db/storage';
import { useDatabaseLossStore } from '../../store/database-loss-store';
import { draftFailureText } from '../draft-failure';
import type { EntryDraft } from './use-entry-draft';

export function DraftNote<T extends JsonObject>({ draft }: { draft: EntryDraft<T> }) {
  // Data removed under the window: a draft that was kept went with it, though no write has failed yet to say so.
  const removed = useDatabaseLossStore((s) => s.loss) === 'removed';
  const problem = draft.problem ?? (removed && draft.status !== 'none' ? DATABASE_CLOSED_MESSAGE : null);
  if (problem) return <span className="field-error draft-note" role="alert">{draftFailureText(problem, 'Draft not kept')}</span>;
  if (draft.status === 'none') return null;
  return (
    <span className="draft-note">
      <span className="hint" role="status">{draft.status === 'restored' ? 'Draft restored' : 'Draft kept'}</span>
      <button type="button" className="ghost" onClick={(event) => discardAndRefocus(draft, event.currentTarget)}>Discard draft</button>
    </span>
  );
}

/** The button goes away with the draft: focus moves to the form's first field, not to the page. */
function discardAndRefocus<T extends JsonObject>(draft: EntryDraft<T>, button: HTMLElement): void {
  const form = button.closest('form');
  void draft.discard().then(() => form?.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled])')?.focus());
}
