// Links section of the detail view: related incidents and parent/child, added by number, listed, unlinked; and duplicates.
import { useBusy } from '../use-busy';
import { ExerciseBadge } from '../drill/exercise-badge';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LINK_RELATION_LABELS, LINK_RELATIONS, type LinkRelation } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { useLinks } from '../../db/links-live';
import { useCancelledDuplicates, type DuplicateView } from './links-cancelled-duplicates';
import { announce } from '../../store/announce-store';
import { useUiStore } from '../../store/ui-store';
import './links.css';

export function LinksSection({ incidentId }: { incidentId: string }) {
  const { incidents } = useServices();
  const links = useLinks(incidentId);
  // Cancelling as a duplicate writes no link entry: what the cancellation names is shown beside the links instead.
  const duplicates = useCancelledDuplicates(incidentId);
  const hasDuplicates = duplicates !== undefined && (duplicates.duplicateOf !== null || duplicates.duplicates.length > 0);
  const openIncident = useUiStore((s) => s.openIncident);
  const [number, setNumber] = useState('');
  const [relation, setRelation] = useState<LinkRelation>('related');
  const [error, setError] = useState<string | null>(null);
  const { busy: saving, run } = useBusy();
  const id = useId();
  const numberInput = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await run(() => incidents.link(incidentId, number, relation));
    if (!result) return;
    if (result.ok) {
      setNumber('');
      setError(null);
      // Focus stays in the emptied number box: the new link below says nothing to a screen reader by itself.
      announce('Incident linked');
    } else {
      setError(result.error.message);
      // The number stays to be corrected, selected, so typing a new one replaces it instead of adding to it.
      numberInput.current?.focus();
      numberInput.current?.select();
    }
  }

  /** Enter submits from anywhere in the form, as from the number: also from the relation chosen after it. */
  function submitOnEnter(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.target instanceof HTMLButtonElement) return;
    // Prevented, so the browser's own submit from the number field does not make it twice.
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }

  async function unlink(otherId: string) {
    const result = await incidents.unlink(incidentId, otherId);
    setError(result.ok ? null : result.error.message);
    if (result.ok) announce('Link removed');
  }

  return (
    <section className="links-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Links</h3>
      {duplicates?.duplicateOf && <DuplicateList label="Duplicate of" items={[duplicates.duplicateOf]} />}
      {duplicates && duplicates.duplicates.length > 0 && <DuplicateList label="Duplicates" items={duplicates.duplicates} />}
      {links && links.length === 0 && duplicates !== undefined && !hasDuplicates && <p className="muted">No linked incidents.</p>}
      {links && links.length > 0 && (
        <ul className="links-list" aria-label="Linked incidents">
          {links.map((link) => {
            const name = link.number ? `${link.number} ${link.title ?? ''}`.trim() : 'An incident not on this computer';
            return (
              <li key={link.otherId}>
                <span className="badge">{LINK_RELATION_LABELS[link.relation]}</span>{' '}
                <button type="button" className="link-button" disabled={!link.number} onClick={() => openIncident(link.otherId)}>{name}</button>{' '}
                {link.exercise && <><ExerciseBadge compact />{' '}</>}
                <button type="button" className="ghost" aria-label={`Unlink ${link.number ?? 'incident'}`} onClick={() => void unlink(link.otherId)}>Unlink</button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="link-form" onSubmit={submit} onKeyDown={submitOnEnter} noValidate>
        <label htmlFor={`${id}-number`}>Incident number to link</label>
        <input ref={numberInput} id={`${id}-number`} value={number} onChange={(e) => setNumber(e.target.value)} placeholder="ABCD-0001"
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        <label htmlFor={`${id}-relation`}>It is this incident's</label>
        <select id={`${id}-relation`} value={relation} onChange={(e) => setRelation(e.target.value as LinkRelation)}>
          {LINK_RELATIONS.map((r) => <option key={r} value={r}>{r === 'related' ? 'Related incident' : LINK_RELATION_LABELS[r]}</option>)}
        </select>
        <button type="submit" disabled={saving}>{saving ? 'Linking…' : 'Link incident'}</button>
        {error && <p id={`${id}-error`} role="alert" className="field-error">{error}</p>}
      </form>
    </section>
  );
}

/**
 * "Duplicate of: K7QM-0042 …" on a cancelled duplicate, "Duplicates: …" on the incident it names: each opens the other.
 * No Unlink: the cancellation recorded it, and a cancelled incident no longer changes.
 */
function DuplicateList({ label, items }: { label: string; items: readonly DuplicateView[] }) {
  const openIncident = useUiStore((s) => s.openIncident);
  const id = useId();
  return (
    <div className="links-duplicates">
      {/* The colon is for the eye: the list is named by the label alone. */}
      <span className="links-duplicates-label"><span id={id}>{label}</span><span aria-hidden="true">:</span></span>
      <ul className="links-duplicates-list" aria-labelledby={id}>
        {items.map((item) => (
          <li key={item.id}>
            <button type="button" className="link-button" disabled={!item.number} onClick={() => openIncident(item.id)}>
              {item.number ? `${item.number} ${item.title ?? ''}`.trim() : 'An incident not on this computer'}
            </button>
            {item.exercise && <>{' '}<ExerciseBadge compact /></>}
          </li>
        ))}
      </ul>
    </div>
  );
}
