// The "Exercise" mark on an incident recorded during a drill, wherever the incident shows (list row, detail header).
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
