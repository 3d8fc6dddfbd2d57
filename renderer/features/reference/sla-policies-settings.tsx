// Settings → SLA policies: the list, add / duplicate / delete, the default policy, the site mapping, the policy editor and automatic close.
import { useId, useState, type FormEvent } from 'react';
import {
  addPolicy,
  deletePolicy,
  duplicatePolicy,
  replacePolicy,
  setDefaultPolicy,
  setSitePolicy,
  type PolicySetResult,
  type SlaPolicySet,
} from '../../../shared/domain';
import { useLanternDb } from '../../db';
import { editSlaPolicies } from '../../db/sla-policies';
import { AutoCloseSetting } from './auto-close-setting';
import { SlaPolicyEditor } from './sla-policy-editor';
import { SlaSiteMapping } from './sla-site-mapping';
import { useSlaPolicySet } from './use-sla-policies';
import './sla-policies.css';

type Message = { tone: 'error' | 'saved'; text: string } | null;

export function SlaPoliciesSettings() {
  const db = useLanternDb();
  const set = useSlaPolicySet();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [newName, setNewName] = useState('');
  const ids = { add: useId(), defaultPolicy: useId(), deleteReason: useId() };

  if (set === undefined) return <p className="muted">Loading SLA policies…</p>;
  const selected = set.policies.find((p) => p.id === selectedId) ?? set.policies[0]!;
  // The domain's own rules decide (never the last policy, not the default, not one a site uses): asked before the click,
  // so a Delete that would only be refused is shown disabled with the reason next to it instead of offered.
  const deleteTrial = deletePolicy(set, selected.id);
  const cannotDelete = deleteTrial.ok ? null : deleteTrial.message;

  /** Every change is one transaction on the stored set; a refusal shows its reason and writes nothing. */
  const apply = async (edit: (current: SlaPolicySet) => PolicySetResult, saved: string, select?: (next: SlaPolicySet) => string | null): Promise<string | null> => {
    const result = await editSlaPolicies(db, edit).catch((): PolicySetResult => ({ ok: false, message: 'The SLA policies could not be saved. Try again.' }));
    if (!result.ok) {
      setMessage({ tone: 'error', text: result.message });
      return result.message;
    }
    setMessage({ tone: 'saved', text: saved });
    if (select) setSelectedId(select(result.value));
    return null;
  };
  const addNew = (event: FormEvent) => {
    event.preventDefault();
    const name = newName.trim();
    void apply((current) => addPolicy(current, name), `Added ${name}.`, (next) => next.policies.at(-1)?.id ?? null).then((error) => {
      if (!error) setNewName('');
    });
  };

  return (
    <section aria-label="SLA policies" className="sla-settings dialog-form">
      <p className="hint">
        An incident runs on its own policy when one is set in its detail view, else on its site’s policy, else on the default. Changes apply at once to the
        clocks and to scheduled alerts on this device.
      </p>
      {/* Policies are rows in this device's database and never travel with sync: only an incident's policy id does. */}
      <p className="hint sla-local-note">
        SLA policies, their business hours and holidays are kept on this computer only: they do not sync to HQ or to other laptops. Set them up the same
        way on each computer, or incidents will show different due times on different computers.
      </p>
      <div className="field">
        <label htmlFor={ids.defaultPolicy}>Default policy</label>
        <select id={ids.defaultPolicy} value={set.assignment.defaultPolicyId}
          onChange={(e) => {
            const id = e.target.value;
            void apply((current) => setDefaultPolicy(current, id), `${set.policies.find((p) => p.id === id)?.name ?? id} is now the default.`);
          }}>
          {set.policies.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </div>
      <ul className="sla-policy-list" aria-label="Policies">
        {set.policies.map((p) => (
          <li key={p.id}>
            <button type="button" aria-pressed={p.id === selected.id} onClick={() => { setSelectedId(p.id); setMessage(null); }}>
              {p.name}
              {p.id === set.assignment.defaultPolicyId ? ' (default)' : ''}
            </button>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" onClick={() => void apply((current) => duplicatePolicy(current, selected.id), `Duplicated ${selected.name}.`, (next) => next.policies.at(-1)?.id ?? null)}>
          {`Duplicate ${selected.name}`}
        </button>
        {/* aria-disabled, not disabled: it stays focusable, so a keyboard or screen-reader user meets the reason too. */}
        <button type="button" aria-disabled={cannotDelete ? true : undefined} aria-describedby={cannotDelete ? ids.deleteReason : undefined}
          onClick={() => {
            if (!cannotDelete) void apply((current) => deletePolicy(current, selected.id), `Deleted ${selected.name}.`, () => null);
          }}>
          {`Delete ${selected.name}`}
        </button>
        {cannotDelete && <span id={ids.deleteReason} className="hint">{cannotDelete}</span>}
      </div>
      <form className="actions" aria-label="Add a policy" onSubmit={addNew}>
        <label htmlFor={ids.add}>New policy name</label>
        <input id={ids.add} value={newName} maxLength={80} onChange={(e) => setNewName(e.target.value)} />
        <button type="submit">Add policy</button>
      </form>
      {message && <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'form-error' : undefined}>{message.text}</p>}
      <h3>{selected.name}</h3>
      {/* The editor shows its own outcome next to its Save button. */}
      <SlaPolicyEditor key={selected.id} policy={selected}
        onSave={async (policy) => {
          setMessage(null);
          const result = await editSlaPolicies(db, (current) => replacePolicy(current, policy));
          return result.ok ? null : result.message;
        }} />
      <SlaSiteMapping set={set} onChange={(site, policyId) => void apply((current) => setSitePolicy(current, site, policyId), policyId ? `${site} now uses ${set.policies.find((p) => p.id === policyId)?.name ?? policyId}.` : `${site} now uses the default.`)} />
      <AutoCloseSetting />
    </section>
  );
}
