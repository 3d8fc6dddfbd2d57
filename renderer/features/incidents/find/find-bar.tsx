// The Find bar above the list: view picker, full-text search, filters, saving the current view and exporting it.
import { useId, useRef, useState } from 'react';
import { useServices } from '../../../app/services';
import { deleteView, saveView, useSavedViews } from '../../../db';
import { useFindStore } from '../../../store/find-store';
import { ExportPanel } from '../../export/export-panel';
import { DEFAULT_VIEWS } from './default-views';
import { FindFilters, activeFilterCount, dateRangeProblem } from './find-filters';

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
    setNaming(false);
    setName('');
    setError(null);
    applyView(result.value.id, result.value.query);
  }

  const savedActive = saved.find((v) => v.id === viewId);
  return (
    <div className="find-bar">
      <div className="find-row">
        <label htmlFor={ids.view} className="visually-hidden">View</label>
        <select id={ids.view} className="view-select" value={viewId} onChange={(e) => pickView(e.target.value)}>
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
            if (e.key === 'Escape' && e.currentTarget.value === '') e.currentTarget.blur();
            // From the search to its results: ↓ moves to the first row (J/K go on from there), Enter opens it.
            else if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey)) {
              const first = document.querySelector<HTMLButtonElement>('tr[data-index="0"][data-incident-id] button');
              if (!first) return;
              e.preventDefault();
              setCursor(0);
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
        <button type="button" aria-expanded={naming} onClick={() => { setNaming((n) => !n); setError(null); }}>Save view</button>
        <button ref={exportButton} type="button" aria-expanded={exporting} aria-controls={ids.export} onClick={() => setExporting((o) => !o)}>Export</button>
        {savedActive && (
          <button type="button" className="ghost" onClick={() => { void deleteView(db, savedActive.id); applyView('all', {}); }}>
            Delete view
          </button>
        )}
      </div>
      {naming && (
        <form className="find-row" onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
          <label htmlFor={ids.name}>View name</label>
          <input id={ids.name} value={name} maxLength={80} autoFocus onChange={(e) => { setName(e.target.value); setError(null); }}
            aria-invalid={error ? true : undefined} aria-describedby={error ? `${ids.name}-error` : undefined}
            onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); setNaming(false); } }} />
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
