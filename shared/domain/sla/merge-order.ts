// The SLA clocks' order of changes: the merge's (HLC) order, with times that never run backwards and spans left uncertain by skewed clocks.
import type { Priority } from '../priority';
import type { SlaChange } from './clock';
import { effective } from './clock-steps';
import type { PriorityHistory } from './priority-history';

/**
 * A change as the clocks walk it. Where recorded times contradict the merge's order (a laptop's clock off), `atMs` is
 * moved to the latest recorded time so far: time never runs backwards along the order, so a status change is neither
 * negative nor counted twice. `until` marks an inserted opener (no change of its own): from its instant until the level
 * change `until`, the priority is judged by the looser of the one then and the one `until` set (lenientHistory).
 */
export interface OrderedChange extends SlaChange {
  readonly until?: SlaChange;
}

function byStamp(a: SlaChange, b: SlaChange): number {
  // Equal stamps are one entry seen twice (or a hand-made timeline): recorded time decides, so the order is still total.
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.atMs - b.atMs || 0;
}

/**
 * The changes in HLC order: causal order, and what the merge's last-writer-wins follows. Within one laptop it is also
 * the recorded-time order (HLCs are monotonic), so only laptops whose clocks disagree see a difference. The input
 * itself when already in that order; otherwise a sorted copy of the same objects.
 */
export function inStampOrder<T extends SlaChange>(changes: readonly T[]): readonly T[] {
  for (let i = 1; i < changes.length; i++) {
    if (byStamp(changes[i - 1]!, changes[i]!) > 0) return [...changes].sort(byStamp);
  }
  return changes;
}

/** True when the changes are in HLC order and their (creation-clamped) recorded times never go backwards along it. */
function agrees(changes: readonly SlaChange[], createdAtMs: number): boolean {
  for (let i = 1; i < changes.length; i++) {
    const a = changes[i - 1]!;
    const b = changes[i]!;
    if (effective(a.atMs, createdAtMs) > effective(b.atMs, createdAtMs) || byStamp(a, b) > 0) return false;
  }
  return true;
}

/**
 * The clocks' walk order (see OrderedChange). The common case, one laptop or clocks that agree, returns the input
 * unchanged and allocates nothing: there, every change happened at its recorded time (clamped to creation, as before).
 */
export function mergeOrder(changes: readonly SlaChange[], createdAtMs: number): readonly OrderedChange[] {
  if (agrees(changes, createdAtMs)) return changes;
  const sorted = inStampOrder(changes);
  // Arrived out of order but recorded by clocks that agree (the usual out-of-order case): the sorted copy is the walk.
  if (sorted !== changes && agrees(sorted, createdAtMs)) return sorted;
  const placed: OrderedChange[] = [];
  const latest: number[] = [];
  let high = createdAtMs;
  for (const change of sorted) {
    const recorded = effective(change.atMs, createdAtMs);
    high = Math.max(high, recorded);
    latest.push(high);
    placed.push(high === recorded ? change : { ...change, atMs: high });
  }
  // A level change recorded before changes the merge puts ahead of it: from its recorded time until the merge's
  // instant for it, which priority held is uncertain. Its opener goes before the first change placed after that
  // recorded time, so every walk stays in time order.
  const openers = new Map<number, OrderedChange[]>();
  for (let k = 0; k < sorted.length; k++) {
    const change = sorted[k]!;
    const recorded = effective(change.atMs, createdAtMs);
    if (!change.levels || recorded >= latest[k]!) continue;
    let first = k;
    while (first > 0 && latest[first - 1]! > recorded) first--;
    const list = openers.get(first) ?? [];
    list.push({ atMs: recorded, hlc: change.hlc, levels: {}, until: placed[k]! });
    openers.set(first, list);
  }
  const out: OrderedChange[] = [];
  for (let k = 0; k < placed.length; k++) {
    const list = openers.get(k);
    if (list) out.push(...list.sort((a, b) => a.atMs - b.atMs));
    out.push(placed[k]!);
  }
  return out;
}

const looser = (a: Priority, b: Priority): Priority => (a > b ? a : b);

/**
 * The history with each uncertain span judged by the looser of the priority then and the one the level change that
 * ends the span set: where laptops' clocks disagree, nobody can say which held, and a breach is never invented from
 * a priority that may not have held. The history itself where no opener exists.
 */
export function lenientHistory(entries: readonly OrderedChange[], history: PriorityHistory): PriorityHistory {
  let after: Priority[] | null = null;
  for (let i = 0; i < entries.length; i++) {
    const until = entries[i]!.until;
    if (!until) continue;
    const end = entries.indexOf(until, i + 1);
    if (end < 0) continue;
    after ??= [...history.after];
    // From the original history: overlapping spans each take their own level change's priority into account.
    const bound = history.after[end]!;
    for (let k = i; k < end; k++) after[k] = looser(after[k]!, bound);
  }
  return after === null ? history : { initial: history.initial, after };
}
