// The application shell: top bar, the Find pane (views, search, list) and the working pane (capture or detail).
import { useCallback, useEffect, useRef } from 'react';
import { flushSync } from 'react-dom';
import { CaptureForm } from '../features/capture/capture-form';
import { DrillBanner } from '../features/drill/drill-banner';
import { useDrillMode } from '../features/drill/use-drill-mode';
import { FindBar, SEARCH_INPUT_ID } from '../features/incidents/find/find-bar';
import { IncidentDetail } from '../features/incidents/incident-detail';
import { anyInlineDialogOpen, closeNewestInlineDialog } from '../features/incidents/inline-dialog';
import { IncidentList } from '../features/incidents/incident-list';
import { NotificationCentre } from '../features/notifications';
import { ListsButton } from '../features/reference/lists-button';
import { SlaPoliciesButton } from '../features/reference/sla-policies-button';
import { StatisticsPane } from '../features/stats/statistics-pane';
import { StorageStatus } from '../features/status/storage-status';
import { SyncSettingsButton } from '../features/sync/sync-settings-button';
import { SyncStatusIndicator } from '../features/sync/sync-status-indicator';
import { UserSwitch } from '../features/user/user-switch';
import { useFindStore } from '../store/find-store';
import { useUiStore } from '../store/ui-store';
import '../styles/placeholder.css';
import '../styles/reflow.css';
import { Announcer } from './announcer';
import { DatabaseLostBanner } from './database-lost-banner';
import { ShortcutHelp } from './shortcut-help';
import { useOnePane } from './use-one-pane';
import { useShortcuts } from './use-shortcuts';

export function App() {
  const pane = useUiStore((s) => s.pane);
  const drillOn = useDrillMode()?.on === true;
  const openCapture = useUiStore((s) => s.openCapture);
  const openIncident = useUiStore((s) => s.openIncident);
  const openStatistics = useUiStore((s) => s.openStatistics);
  const closePane = useUiStore((s) => s.closePane);
  const helpOpen = useFindStore((s) => s.helpOpen);
  const setHelpOpen = useFindStore((s) => s.setHelpOpen);
  // One pane at a time (narrow window): the list is shown alone or not at all. An open incident gives way to it for the
  // search (nothing is lost: it stays as it is); the capture form does not (its typed words would go).
  const onePane = useOnePane();
  const workOpen = pane.kind === 'capture' || pane.kind === 'incident';
  const listHidden = onePane && workOpen;
  const focusSearch = useCallback(() => {
    if (onePane && pane.kind === 'incident') flushSync(closePane);
    document.getElementById(SEARCH_INPUT_ID)?.focus();
  }, [onePane, pane.kind, closePane]);
  const toggleHelp = useCallback(() => setHelpOpen(!helpOpen), [helpOpen, setHelpOpen]);
  // Innermost first: the shortcut help, then an open status/escalation panel (even when focus has left it), then the pane.
  const onEscape = useCallback(() => {
    if (helpOpen) setHelpOpen(false);
    else if (!closeNewestInlineDialog()) closePane();
  }, [helpOpen, setHelpOpen, closePane]);
  // Closing a pane removes what had focus (Escape from a note, ✕): put it where the person came from, never on the page,
  // where Tab would start again at the top bar. Statistics → its button; an incident → its list row (or the search when
  // the row is scrolled away); the capture form → New incident.
  const statisticsButton = useRef<HTMLButtonElement>(null);
  const newIncidentButton = useRef<HTMLButtonElement>(null);
  const shortcutsButton = useRef<HTMLButtonElement>(null);
  const previousPane = useRef(pane);
  const listPane = useRef<HTMLElement>(null);
  useEffect(() => {
    const before = previousPane.current;
    previousPane.current = pane;
    if (before === pane || (document.activeElement !== null && document.activeElement !== document.body)) return;
    if (before.kind === 'statistics') statisticsButton.current?.focus();
    else if (before.kind === 'incident' && pane.kind !== 'incident') (listRowButton(before.id) ?? document.getElementById(SEARCH_INPUT_ID))?.focus();
    else if (before.kind === 'capture' && pane.kind === 'empty') newIncidentButton.current?.focus();
  }, [pane]);
  // The list went out of sight (an incident opened from it, or the window became narrow) with focus still in it: keys
  // would go on to an unseen row. Focus goes to the incident's title; when the detail is still loading, to the page, from
  // where the detail takes it once shown. The capture form takes focus itself, before this runs (child effects first).
  useEffect(() => {
    const active = document.activeElement;
    if (!listHidden || !(active instanceof HTMLElement) || listPane.current?.contains(active) !== true) return;
    active.blur();
    document.getElementById('detail-title')?.focus();
  }, [listHidden]);
  // N and S replace the working pane; with a status or escalation panel open (even with focus elsewhere), its typed text
  // would go with it, so they wait until it is applied or closed (Escape closes it first).
  const newFromKeyboard = useCallback(() => {
    if (!anyInlineDialogOpen()) openCapture();
  }, [openCapture]);
  const statisticsFromKeyboard = useCallback(() => {
    if (!anyInlineDialogOpen()) openStatistics();
  }, [openStatistics]);
  useShortcuts({ onNew: newFromKeyboard, onEscape, onSearch: focusSearch, onHelp: toggleHelp, onStatistics: statisticsFromKeyboard });

  return (
    <div className={drillOn ? 'app drill-on' : 'app'}>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <h1>Lantern</h1>
        </div>
        <div className="topbar-status">
          <SyncStatusIndicator />
          <StorageStatus />
        </div>
        <UserSwitch />
        <SyncSettingsButton />
        <SlaPoliciesButton />
        <ListsButton />
        <NotificationCentre onOpenIncident={openIncident} />
        <button ref={statisticsButton} type="button" className="ghost" onClick={openStatistics} aria-keyshortcuts="S" aria-pressed={pane.kind === 'statistics'}>
          Statistics
        </button>
        <button ref={shortcutsButton} type="button" className="ghost" onClick={toggleHelp} aria-keyshortcuts="?" aria-expanded={helpOpen} aria-haspopup="dialog">
          Shortcuts <kbd>?</kbd>
        </button>
        <button ref={newIncidentButton} type="button" className="primary" onClick={openCapture} aria-keyshortcuts="N">
          New incident
        </button>
      </header>
      <DatabaseLostBanner />
      <DrillBanner />
      {pane.kind === 'statistics' ? (
        // Full width: the report's tables and charts need it more than the list does; Escape or ✕ brings the list back.
        <main className="workspace stats-workspace">
          <StatisticsPane onClose={closePane} />
        </main>
      ) : (
        // Narrow: the hidden pane is `hidden` (display: none), so it leaves the accessibility tree and Tab order as well.
        <main className={onePane ? 'workspace one-pane' : 'workspace'}>
          <section ref={listPane} className="list-pane" aria-label="Incident list" hidden={listHidden}>
            <FindBar />
            <IncidentList selectedId={pane.kind === 'incident' ? pane.id : null} onOpen={openIncident} />
          </section>
          <section className="work-pane" aria-label="Working pane" hidden={onePane && !workOpen}>
            {pane.kind === 'capture' && <CaptureForm onSaved={openIncident} onCancel={closePane} />}
            {pane.kind === 'incident' && <IncidentDetail key={pane.id} id={pane.id} onClose={closePane} />}
            {pane.kind === 'empty' && (
              <div className="empty-state">
                <p>Select an incident, or press <kbd>N</kbd> to record a new one.</p>
                <p className="muted">Press <kbd>?</kbd> for all keyboard shortcuts.</p>
              </div>
            )}
          </section>
        </main>
      )}
      {helpOpen && <ShortcutHelp onClose={() => setHelpOpen(false)} fallbackRef={shortcutsButton} />}
      <Announcer />
    </div>
  );
}

/** The title button of an incident's list row, when the row is rendered (the list is virtualized). */
function listRowButton(incidentId: string): HTMLButtonElement | null {
  // Ids are UUIDs (hex digits and dashes): nothing in them needs escaping inside the quoted attribute value.
  return document.querySelector<HTMLButtonElement>(`tr[data-incident-id="${incidentId}"] button`);
}
