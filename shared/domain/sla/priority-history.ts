// The priority an incident had after each timeline change: impact and urgency changes replayed through the matrix.
import { DEFAULT_PRIORITY_MATRIX, type Impact, type Priority, type PriorityMatrix, type Urgency } from '../priority';

/** Impact and/or urgency as one timeline entry changed them: [from, to]. */
export interface SlaLevelChange {
  readonly impact?: readonly [Impact, Impact];
  readonly urgency?: readonly [Urgency, Urgency];
}

/**
 * The incident's priority now, with its impact and urgency when the caller has them (an Incident fits). The levels
 * anchor the history: the timeline's "created" entry does not hold them, so a level that never changed is only
 * known from the incident itself.
 */
export interface SlaPriorityNow {
  readonly priority: Priority;
  readonly impact?: Impact;
  readonly urgency?: Urgency;
}

/** Priorities around ordered entries: `initial` before the first, `after[i]` from entry i on. */
export interface PriorityHistory {
  readonly initial: Priority;
  readonly after: readonly Priority[];
}

export function priorityNowOf(now: Priority | SlaPriorityNow): SlaPriorityNow {
  return typeof now === 'number' ? { priority: now } : now;
}

type Dimension = 'impact' | 'urgency';

function firstFrom(entries: readonly { readonly levels?: SlaLevelChange }[], dimension: Dimension): Impact | undefined {
  for (const entry of entries) {
    const pair = entry.levels?.[dimension];
    if (pair) return pair[0];
  }
  return undefined;
}

function lastTo(entries: readonly { readonly levels?: SlaLevelChange }[], dimension: Dimension): Impact | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const pair = entries[i]!.levels?.[dimension];
    if (pair) return pair[1];
  }
  return undefined;
}

/**
 * The matrix cell, or undefined where a stored level or cell is out of range. Looked up directly (not derivePriority,
 * whose schema checks and throw cost about 3× the clocks' time on 100k incidents with a level change each).
 */
export function priorityOf(impact: Impact, urgency: Urgency, matrix: PriorityMatrix): Priority | undefined {
  const cell: unknown = matrix[impact - 1]?.[urgency - 1];
  return isLevel(impact) && isLevel(urgency) && typeof cell === 'number' && Number.isInteger(cell) && cell >= 1 && cell <= 5 ? (cell as Priority) : undefined;
}

function isLevel(value: number): boolean {
  return value === 1 || value === 2 || value === 3;
}

const LOOSEST_FIRST: readonly Impact[] = [3, 2, 1];

/**
 * A level that never changed and that the caller did not give: the one that, with the other level's last value, gives
 * the priority now. Where two fit (the default matrix gives P4 for impact 2 or 3 at urgency 3) the looser one is
 * taken, so a guess can only judge more leniently, never invent a breach.
 */
function inferred(dimension: Dimension, other: Impact, priority: Priority, matrix: PriorityMatrix): Impact | undefined {
  return LOOSEST_FIRST.find((level) => (dimension === 'impact' ? priorityOf(level, other, matrix) : priorityOf(other, level, matrix)) === priority);
}

/** Impact and urgency before the first of `entries`; null when a level cannot be known (see `inferred`). */
export function initialLevels(
  entries: readonly { readonly levels?: SlaLevelChange }[],
  now: SlaPriorityNow,
  matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX,
): { impact: Impact; urgency: Urgency } | null {
  let impact = firstFrom(entries, 'impact') ?? now.impact;
  let urgency = firstFrom(entries, 'urgency') ?? now.urgency;
  if (impact === undefined && urgency !== undefined) impact = inferred('impact', lastTo(entries, 'urgency') ?? urgency, now.priority, matrix);
  if (urgency === undefined && impact !== undefined) urgency = inferred('urgency', lastTo(entries, 'impact') ?? impact, now.priority, matrix);
  return impact === undefined || urgency === undefined ? null : { impact, urgency };
}

/**
 * The priority before `entries` (ordered as the clocks walk them) and after each; null when none changed a level or
 * the levels cannot be pieced together (then the priority now held throughout, as before priority history existed).
 * From the last level change on, the priority is the incident's own: the clock measures against what the badge shows,
 * even where merged edits from two devices replay to another value.
 */
export function priorityHistory(
  entries: readonly { readonly levels?: SlaLevelChange }[],
  nowGiven: Priority | SlaPriorityNow,
  matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX,
): PriorityHistory | null {
  let last = -1;
  for (let i = 0; i < entries.length; i++) if (entries[i]!.levels) last = i;
  if (last < 0) return null;
  const now = priorityNowOf(nowGiven);
  const levels = initialLevels(entries, now, matrix);
  if (levels === null) return null;
  let { impact, urgency } = levels;
  const initial = priorityOf(impact, urgency, matrix);
  if (initial === undefined) return null;
  const after: Priority[] = [];
  let current: Priority = initial;
  for (let i = 0; i < entries.length; i++) {
    const change = entries[i]!.levels;
    if (change) {
      impact = change.impact?.[1] ?? impact;
      urgency = change.urgency?.[1] ?? urgency;
      const next = i === last ? now.priority : priorityOf(impact, urgency, matrix);
      if (next === undefined) return null;
      current = next;
    }
    after.push(current);
  }
  return { initial, after };
}
