// Pure rules every LocalReplica implements the same way: page merge planning and capped-stamp rewrites.
import type { TimelineEvent } from '../../domain';
import { mergeOperation, type Conflict, type IncidentState } from '../merge';
import type { Operation } from '../operation';

/** What one pulled page changes, computed from the states it touches; the replica writes it in one transaction. */
export interface PagePlan {
  /** The new state of every incident the page touched (last one wins per id). */
  readonly states: ReadonlyMap<string, IncidentState>;
  /** Timeline events in page order; the replica inserts those whose id it does not hold yet. */
  readonly events: readonly TimelineEvent[];
  /** Conflicts found on this page; upsert by id (the same pair of changes gives the same id everywhere). */
  readonly conflicts: readonly Conflict[];
  /** Every conflict the merge found, held operations' too, with the event of the operation that found it (conflictsFound). */
  readonly found: readonly { readonly eventId: string; readonly conflict: Conflict }[];
}

/**
 * Merges a page into the incidents it touches. `loaded` holds the stored state of each incident id in the
 * page (undefined when the replica has none yet); load them with one bulk read inside the transaction.
 *
 * `heldBefore(eventId)`: whether the replica held the operation's timeline entry before this page, i.e. merged the
 * operation already (its own change coming back, a page pulled again). Such an operation is merged again (it changes
 * nothing) but finds no conflict: merge.ts knows only the stamp each change was made on, so this laptop's first
 * status change, arriving after its fifth, would look concurrent with it. Every real conflict it takes part in was
 * found when it was first merged, or when the other change arrived.
 */
export function planPage(ops: readonly Operation[], loaded: ReadonlyMap<string, IncidentState | undefined>, heldBefore: (eventId: string) => boolean = () => false): PagePlan {
  const states = new Map<string, IncidentState>();
  const events: TimelineEvent[] = [];
  const conflicts: Conflict[] = [];
  const found: { eventId: string; conflict: Conflict }[] = [];
  for (const op of ops) {
    const current = states.get(op.incidentId) ?? loaded.get(op.incidentId);
    const merged = mergeOperation(current, op);
    states.set(op.incidentId, merged.state);
    events.push(op.event);
    for (const conflict of merged.conflicts) found.push({ eventId: op.event.id, conflict });
    if (!heldBefore(op.event.id)) conflicts.push(...merged.conflicts);
  }
  return { states, events, conflicts, found };
}

/**
 * The conflicts of `plan` that count under `heldBefore` (what planPage with it would list): the states and events do
 * not depend on which operations were merged before, so a replica can plan and write the rows first and settle the
 * conflicts once it knows (the Dexie replica learns it from its timeline adds, which answer after its reads).
 */
export function conflictsFound(plan: PagePlan, heldBefore: (eventId: string) => boolean): Conflict[] {
  return plan.found.filter((entry) => !heldBefore(entry.eventId)).map((entry) => entry.conflict);
}

/** The incident ids a page touches, for the bulk read that precedes planPage. */
export function incidentIdsOf(ops: readonly Operation[]): string[] {
  return [...new Set(ops.map((op) => op.incidentId))];
}

/** The highest HLC stamp among the operations (their own stamps; every field they set carries it). */
export function highestStamp(ops: readonly Operation[]): string | null {
  let best: string | null = null;
  for (const op of ops) if (best === null || op.hlc > best) best = op.hlc;
  return best;
}

/** HQ capped `from` to `to`: field stamps that still carry `from` take `to` (a newer stamp from elsewhere stays). */
export function rewriteStateStamp(state: IncidentState, from: string, to: string): IncidentState {
  if (!Object.values(state.stamps).includes(from)) return state;
  const stamps = Object.fromEntries(Object.entries(state.stamps).map(([field, stamp]) => [field, stamp === from ? to : stamp]));
  return { ...state, stamps };
}

/** The timeline event of a capped operation sorts by the stamp HQ holds, like on every other replica. */
export function rewriteEventStamp(event: TimelineEvent, from: string, to: string): TimelineEvent {
  return event.hlc === from ? { ...event, hlc: to } : event;
}

/**
 * An outbox operation after HQ capped `from` to `to`: its own stamp (when it is the capped one) and every
 * `base` entry that names `from` (a later edit made on top of the capped one), so HQ sees no false conflict.
 */
export function rewriteOperationStamp(op: Operation, from: string, to: string): Operation {
  const baseNamesFrom = op.base !== undefined && Object.values(op.base).includes(from);
  if (op.hlc !== from && op.event.hlc !== from && !baseNamesFrom) return op;
  const base = op.base && baseNamesFrom ? Object.fromEntries(Object.entries(op.base).map(([field, stamp]) => [field, stamp === from ? to : stamp])) : op.base;
  return {
    ...op,
    hlc: op.hlc === from ? to : op.hlc,
    event: rewriteEventStamp(op.event, from, to),
    ...(base !== undefined ? { base } : {}),
  };
}

/**
 * Whether merging changed the state a replica stores for an incident, so it must be written again. Equal
 * stamps mean equal values: a field's stamp names the one operation whose value the field holds.
 */
export function stateChanged(before: IncidentState | undefined, after: IncidentState): boolean {
  if (before === undefined) return true;
  if (before === after) return false;
  if ((before.init === null) !== (after.init === null) || before.updatedAt !== after.updatedAt) return true;
  const fields = Object.keys(after.stamps);
  if (fields.length !== Object.keys(before.stamps).length) return true;
  return fields.some((field) => before.stamps[field] !== after.stamps[field]);
}
