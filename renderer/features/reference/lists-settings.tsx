// Settings → Lists: pick one of the eight reference lists (a vertical tablist with counts) and edit it; one line says what edits do.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useReferenceLists } from '../../db';
import type { ReferenceKind } from '../../db/reference';
import { LIST_ORDER, LIST_TITLES } from './lists-kinds';
import { ListsPanel } from './lists-panel';
import './lists.css';

export function ListsSettings() {
  const lists = useReferenceLists();
  const [kind, setKind] = useState<ReferenceKind>('category');
  const tabs = useRef(new Map<ReferenceKind, HTMLButtonElement>());
  const id = useId();
  if (lists === undefined) return <p className="muted">Loading lists…</p>;

  const choose = (next: ReferenceKind) => {
    setKind(next);
    tabs.current.get(next)?.focus();
  };
  // The tablist pattern: one tab stop, arrows (and Home / End) move between lists.
  const onKey = (event: KeyboardEvent) => {
    const at = LIST_ORDER.indexOf(kind);
    const to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: LIST_ORDER.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    choose(LIST_ORDER[(to + LIST_ORDER.length) % LIST_ORDER.length]!);
  };

  return (
    <section className="lists-settings" aria-label="Lists">
      <p className="hint lists-note">
        Edits change the choices offered on this computer. Incidents keep the values they were recorded with.
      </p>
      <div className="lists-layout">
        <div role="tablist" aria-label="Lists" aria-orientation="vertical" className="lists-tabs" onKeyDown={onKey}>
          {LIST_ORDER.map((k) => (
            <button key={k} ref={(el) => { if (el) tabs.current.set(k, el); }} type="button" role="tab" id={`${id}-tab-${k}`} aria-selected={k === kind} aria-controls={`${id}-panel`}
              tabIndex={k === kind ? 0 : -1} onClick={() => setKind(k)}>
              <span>{LIST_TITLES[k]}</span> <span className="lists-count">{lists[k].length}</span>
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${kind}`} className="lists-panel">
          {/* Keyed by list: a rename or confirmation open in one list does not follow to the next. */}
          <ListsPanel key={kind} kind={kind} values={lists[kind]} />
        </div>
      </div>
    </section>
  );
}
