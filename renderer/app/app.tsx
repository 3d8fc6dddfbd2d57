// The application shell: top bar, the incident list and the working pane (capture or detail).
import { CaptureForm } from '../features/capture/capture-form';
import { IncidentDetail } from '../features/incidents/incident-detail';
import { IncidentList } from '../features/incidents/incident-list';
import { StorageStatus } from '../features/status/storage-status';
import { useUiStore } from '../store/ui-store';
import { useShortcuts } from './use-shortcuts';

export function App() {
  const pane = useUiStore((s) => s.pane);
  const openCapture = useUiStore((s) => s.openCapture);
  const openIncident = useUiStore((s) => s.openIncident);
  const closePane = useUiStore((s) => s.closePane);
  useShortcuts({ onNew: openCapture, onEscape: closePane });

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <h1>Lantern</h1>
        </div>
        <div className="topbar-status">
          <StorageStatus />
        </div>
        <button type="button" className="primary" onClick={openCapture} aria-keyshortcuts="N">
          New incident
        </button>
      </header>
      <main className="workspace">
        <section className="list-pane" aria-label="Incident list">
          <IncidentList selectedId={pane.kind === 'incident' ? pane.id : null} onOpen={openIncident} />
        </section>
        <section className="work-pane" aria-label="Working pane">
          {pane.kind === 'capture' && <CaptureForm onSaved={openIncident} onCancel={closePane} />}
          {pane.kind === 'incident' && <IncidentDetail key={pane.id} id={pane.id} onClose={closePane} />}
          {pane.kind === 'empty' && (
            <div className="empty-state">
              <p>Select an incident, or press <kbd>N</kbd> to record a new one.</p>
            </div>
          )}
        </section>
      </main>
    </div>
  );
}
