// The "Exercise" mark on an incident recorded during a drill, and the "Real" mark real incidents carry while a drill runs.
import './drill.css';
export function ExerciseBadge({ compact = false }: { compact?: boolean }) {
  // The compact form keeps a list row's title column wide; its accessible name still says the whole word.
  return compact ? (
    <span className="badge exercise-badge" title="Exercise (drill), not a real incident">
      <span aria-hidden="true">EX</span>
      <span className="visually-hidden">Exercise</span>
    </span>
  ) : (
    <span className="badge exercise-badge" title="Recorded during a drill, not a real incident">Exercise</span>
  );
}

/**
 * On every real incident, shown only while this device runs a drill (the app shell then has `drill-on`): under the
 * EXERCISE banner a real incident must not look like one more drill incident.
 */
export function RealBadge({ compact = false }: { compact?: boolean }) {
  return (
    <span className="badge real-badge" title="A real incident, not part of the drill">
      {compact ? <><span aria-hidden="true">REAL</span><span className="visually-hidden">Real incident</span></> : 'Real incident'}
    </span>
  );
}
