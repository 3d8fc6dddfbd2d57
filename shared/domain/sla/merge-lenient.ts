// Where laptops' clocks disagree, each moment's SLA priority is the looser of two readings: recorded-time order and the merge's.
import { DEFAULT_PRIORITY_MATRIX, type Impact, type Priority, type PriorityMatrix } from '../priority';
import { initialLevels, priorityOf, type PriorityHistory, type SlaLevelChange, type SlaPriorityNow } from './priority-history';

interface LevelEntry {
  readonly hlc: string;
  readonly levels?: SlaLevelChange;
}

type Dimension = 'impact' | 'urgency';

const looser = (a: Priority, b: Priority): Priority => (a > b ? a : b);

/** True when the level changes' stamps rise along the clocks' (recorded-time) order: both readings agree. */
function stampsAgree(entries: readonly LevelEntry[]): boolean {
  let previous = '';
  for (const entry of entries) {
    if (!entry.levels) continue;
    if (entry.hlc < previous) return false;
    previous = entry.hlc;
  }
  return true;
}

/**
 * `history` (level changes replayed in the clocks' order: recorded time) judged against the merge's reading. The
 * merge keeps, per level, the change with the latest stamp (HLC); so the merge's priority at a moment is the one the
 * latest-stamped change recorded by then gives. When a laptop's clock was off, the two readings can disagree — a
 * lowering stamped later but recorded earlier (clock behind) makes the replay claim the earlier raise held from its
 * recorded time on, which the merged incident never kept. Nobody can say which reading is true, so each moment takes
 * the looser priority: no breach is invented from a priority that may not have held, and a breach both readings agree
 * on is still found. Where the stamps rise with recorded time (one laptop, or clocks that agree) the readings are the
 * same and `history` is returned as it is. Status changes are not moved: each keeps its recorded time.
 */
export function lenientToMerge(
  entries: readonly LevelEntry[],
  history: PriorityHistory,
  now: SlaPriorityNow,
  matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX,
): PriorityHistory {
  if (stampsAgree(entries)) return history;
  // The levels before any change, as the merge sees them: the earliest-stamped change of each level says what it left.
  const byStamp = entries.filter((entry) => entry.levels).sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
  const start = initialLevels(byStamp, now, matrix);
  if (start === null) return history;
  const startPriority = priorityOf(start.impact, start.urgency, matrix);
  if (startPriority === undefined) return history;
  const latest: Record<Dimension, { hlc: string; value: Impact }> = { impact: { hlc: '', value: start.impact }, urgency: { hlc: '', value: start.urgency } };
  let merged: Priority = startPriority;
  const after: Priority[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.levels) {
      for (const dimension of ['impact', 'urgency'] as const) {
        const pair = entry.levels[dimension];
        if (pair && entry.hlc > latest[dimension].hlc) latest[dimension] = { hlc: entry.hlc, value: pair[1] };
      }
      merged = priorityOf(latest.impact.value, latest.urgency.value, matrix) ?? merged;
    }
    after.push(looser(history.after[i]!, merged));
  }
  return { initial: looser(history.initial, startPriority), after };
}
