// The Add field at the bottom of a list: a name, and for categories and sites the parent to add it under (or the top level).
import { useId, useState, type FormEvent, type RefObject } from 'react';
import { LIMITS, PATH_SEPARATOR } from '../../../shared/domain';
import { isTreeKind, REFERENCE_NOUNS, type ReferenceKind } from '../../db/reference';

interface ListsAddFormProps {
  kind: ReferenceKind;
  values: readonly string[];
  inputRef: RefObject<HTMLInputElement | null>;
  error: string | null;
  onClearError: () => void;
  /** Stores the value; resolves true when it was added (the field then empties for the next one). */
  onAdd: (name: string, parent: string | undefined) => Promise<boolean>;
}

export function ListsAddForm({ kind, values, inputRef, error, onClearError, onAdd }: ListsAddFormProps) {
  const noun = REFERENCE_NOUNS[kind];
  const tree = isTreeKind(kind);
  const [name, setName] = useState('');
  const [chosenParent, setParent] = useState('');
  const ids = { parent: useId(), name: useId(), error: useId() };
  // A parent renamed or removed meanwhile is no longer offered: the choice falls back to the top level, visibly.
  const parent = values.includes(chosenParent) ? chosenParent : '';
  const parents = values.filter((v) => v.split(PATH_SEPARATOR).length < LIMITS.pathDepth);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onAdd(name, tree && parent !== '' ? parent : undefined)) setName('');
  };

  return (
    <form className="lists-add" aria-label={`Add a ${noun}`} noValidate onSubmit={(e) => void submit(e)}>
      {tree && (
        <div className="field lists-add-parent">
          <label htmlFor={ids.parent}>Add under</label>
          <select id={ids.parent} value={parent} onChange={(e) => setParent(e.target.value)}>
            <option value="">Top level</option>
            {parents.map((v) => <option key={v} value={v}>{v}</option>)}
          </select>
        </div>
      )}
      <div className="field lists-add-name">
        <label htmlFor={ids.name}>{`New ${noun} name`}</label>
        <input ref={inputRef} id={ids.name} value={name} aria-invalid={error ? true : undefined} aria-describedby={error ? ids.error : undefined}
          onChange={(e) => {
            setName(e.target.value);
            if (error) onClearError();
          }} />
      </div>
      <button type="submit">{`Add ${noun}`}</button>
      {error && <p id={ids.error} role="alert" className="field-error lists-field-error">{error}</p>}
    </form>
  );
}
