// The Find bar above the list: view picker, full-text search, filters, saving the current view and exporting it.
import { useId, useRef, useState } from 'react';
import { useServices } from '../../../app/services';
import { deleteView, saveView, useSavedViews } from '../../../db';
import { announce } from '../../../store/announce-store';
import { useFindStore } from '../../../store/find-store';
import { ExportPanel } from '../../export/export-panel';
import { DEFAULT_VIEWS } from './default-views';
import { FindFilters, activeFilterCount, dateRangeProblem } from './find-filters';
import { focusListCursor } from './list-focus';
import { SortSelect } from './sort-select';

export const SEARCH_INPUT_ID = 'incident-search';

export function FindBar() {
  const { db } = useServices();
  const { viewId, query, applyView, patchQuery, setCursor } = useFindStore();
  const saved = useSavedViews() ?? [];
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const exportButton = useRef<HTMLButtonElement>(null);
  const saveViewButton = useRef<HTMLButtonElement>(null);
  const viewSelect = useRef<HTMLSelectElement>(null);
  const ids = { view: useId(), name: useId(), filters: useId(), export: useId() };
  const filterCount = activeFilterCount(query);

  function pickView(id: string) {
    const view = DEFAULT_VIEWS.find((v) => v.id === id) ?? saved.find((v) => v.id === id);
    if (view) applyView(view.id, view.query);
  }

  async function save() {
    const result = await saveView(db, name, query);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    // The form goes away with the focused field in it: focus moves first to the View picker, which now shows the new
    // view (never to the page, where Tab would start again at the top bar), and the save is said.
    viewSelect.current?.focus();
    setNaming(false);
    setName('');
    setError(null);
    applyView(result.value.id, result.value.query);
    announce(`View "${result.value.name}" saved`);
  }

  function cancelNaming() {
    saveViewButton.current?.focus();
    setNaming(false);
    setError(null);
  }

  const savedActive = saved.find((v) => v.id === viewId);
  return (
    <div className="find-bar">
      <div className="find-row">
        <label htmlFor={ids.view} className="visually-hidden">View</label>
        <select ref={viewSelect} id={ids.view} className="view-select" value={viewId} onChange={(e) => pickView(e.target.value)}>
          {DEFAULT_VIEWS.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
          {saved.length > 0 && (
            <optgroup label="Saved views">
              {saved.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
            </optgroup>
          )}
          {viewId === 'custom' && <option value="custom">Custom filter</option>}
        </select>
        <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">Search incidents</label>
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          className="search-input"
          placeholder="Search number, title, description, notes, checklist  ( / )"
          maxLength={200}
          value={query.text ?? ''}
          aria-keyshortcuts="/"
          onChange={(e) => patchQuery({ text: e.target.value === '' ? undefined : e.target.value })}
          onKeyDown={(e) => {
            // Escape in an empty search goes back to the list, onto its cursor row (J/K go on from there); blurring instead
            // left focus on the page, where a screen reader loses its place. With no row to go to, the search lets go.
            if (e.key === 'Escape' && e.currentTarget.value === '') {
              if (!focusListCursor()) e.currentTarget.blur();
            }
            // From the search to its results: ↓ moves to the first row (J/K go on from there), Enter opens it.
            else if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey)) {
              const first = document.querySelector<HTMLButtonElement>('tr[data-index="0"][data-incident-id] button');
              if (!first) return;
              e.preventDefault();
              setCursor(0, first.closest<HTMLElement>('tr')?.dataset.incidentId ?? null);
              if (e.key === 'ArrowDown') {
                first.focus();
                return;
              }
              // Focus leaves the search first, so the opened incident takes it (its title, as when opened from a notification).
              e.currentTarget.blur();
              first.click();
            }
          }}
        />
        <button type="button" aria-expanded={filtersOpen} aria-controls={ids.filters} onClick={() => setFiltersOpen((o) => !o)}>
          {filterCount > 0 ? `Filters (${filterCount})` : 'Filters'}
        </button>
        <button ref={saveViewButton} type="button" aria-expanded={naming} onClick={() => { setNaming((n) => !n); setError(null); }}>Save view</button>
        <button ref={exportButton} type="button" aria-expanded={exporting} aria-controls={ids.export} onClick={() => setExporting((o) => !o)}>Export</button>
        {savedActive && (
          <button type="button" className="ghost" onClick={() => { void deleteView(db, savedActive.id); applyView('all', {}); }}>
            Delete view
          </button>
        )}
        {/* Last in the row: where the list is narrow it wraps onto a line of its own rather than squeezing the search. */}
        <SortSelect query={query} />
      </div>
      {naming && (
        <form className="find-row" onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
          <label htmlFor={ids.name}>View name</label>
          <input id={ids.name} value={name} maxLength={80} autoFocus onChange={(e) => { setName(e.target.value); setError(null); }}
            aria-invalid={error ? true : undefined} aria-describedby={error ? `${ids.name}-error` : undefined}
            onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); cancelNaming(); } }} />
          <button type="submit" className="primary">Save this view</button>
          {error && <p id={`${ids.name}-error`} role="alert" className="field-error">{error}</p>}
        </form>
      )}
      {exporting && (
        <ExportPanel id={ids.export} query={query} onClose={() => {
          setExporting(false);
          exportButton.current?.focus();
        }} />
      )}
      {filtersOpen && <FindFilters id={ids.filters} />}
      {/* With the panel closed (a saved view, or closed after choosing), the list alone would just say "No incidents match". */}
      {!filtersOpen && dateRangeProblem(query) && (
        <p role="alert" className="field-error">The recorded dates in this view can match nothing: ‘From’ is after ‘To’. Open Filters to swap them or change one.</p>
      )}
    </div>
  );
}
