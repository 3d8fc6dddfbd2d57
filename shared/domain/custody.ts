// Evidence chain of custody: the items derived from `custody` entries in the order they were handled, and the commands that record each link.
import { eventBase, invalidInput, touchedAt, validated } from './command-kit';
import type { CommandContext, CommandResult } from './commands';
import { CUSTODY_ACTION_LABELS, CUSTODY_ACTIONS, custodyFieldsSchema, FINAL_CUSTODY_ACTIONS, type CustodyAction } from './custody-schema';
import type { Incident } from './incident';
import { causalOrder, type TimelineEvent } from './timeline';
import { formatUtcOffset, type ZonedTime } from './zoned-time';

export type CustodyEvent = Extract<TimelineEvent, { kind: 'custody' }>;

/** One evidence item as its chain says it is now. */
export interface EvidenceItem {
  itemId: string;
  /** The description given when it was collected. */
  item: string;
  /** Every custody entry of the item in handled order (`handledOrder`): the collection first, then when each link happened. */
  chain: readonly CustodyEvent[];
  /** Who holds it now ('' when nobody does: in storage, disposed of, or not said). */
  holder: string;
  /** Where it is kept now ('' when not said). */
  location: string;
  /** The entry that decided the current state: the last one, or the one that ended the chain. */
  last: CustodyEvent;
  /** The returned/disposed entry that ended the chain (the first one in handled order), or null while in custody. */
  ending: CustodyEvent | null;
  /**
   * Ids of entries handled after the chain had ended. A device refuses to record one, so each comes from two devices
   * that did not know of each other: a link recorded offline after the ending, or an ending recorded offline at a
   * time before a link another device had recorded. They stay in the chain (they are facts someone wrote down) but
   * change nothing; the UI points them out.
   */
  afterEnd: readonly string[];
}

/**
 * How far ahead of the recording device's clock a handled-at may be: the same 5 minutes capture accepts for an
 * occurred-at (renderer/features/capture/incident-times.ts), because clocks of two devices or a watch differ by minutes.
 */
export const HANDLED_AT_FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * How far before the incident's occurred-at a handled-at may be. Evidence is handled because of the incident, so
 * it cannot be handled before the incident happened; but occurred-at is often an estimate ("around 14:00") and may
 * come from another device's clock, so an hour of slack is allowed. What this catches is the typo (wrong day,
 * month, year or AM/PM), which in a chain of custody would be worse than a missing time. If occurred-at itself is
 * wrong, the message says to correct it first. Only checked when an entry is written: a later correction of
 * occurred-at leaves existing custody entries as recorded.
 */
export const HANDLED_BEFORE_OCCURRED_MARGIN_MS = 60 * 60_000;

/** The actions that extend an item's chain after its collection, in the schema's order (the form offers them so). */
export type CustodyLinkAction = Exclude<CustodyAction, 'collected'>;
export const CUSTODY_LINK_ACTIONS: readonly CustodyLinkAction[] = CUSTODY_ACTIONS.filter((action): action is CustodyLinkAction => action !== 'collected');

export function isFinalCustodyAction(action: CustodyAction): boolean {
  return FINAL_CUSTODY_ACTIONS.includes(action);
}

/**
 * The order of a chain: when each link happened (the handled-at instant, whatever time zone it was entered in), ties
 * broken by causal order (HLC, then id) so equal instants sort alike on every device. Not the recording order: late
 * paperwork ("I handed it to Ben at 11:00", written at 12:00) must land where it happened, before Ben stored it at 11:30.
 */
export function handledOrder(a: CustodyEvent, b: CustodyEvent): number {
  const diff = instant(a.handledAt) - instant(b.handledAt);
  return diff !== 0 ? Math.sign(diff) : causalOrder(a, b);
}

/**
 * The incident's evidence items, in the order they were collected (handled order of the collecting entries). Each
 * item's chain is replayed in handled order whatever order its entries arrived in, so every device that has the same
 * entries shows the same holder, location and chain. The collecting entry (whose id is the item's id) always leads:
 * a link is refused before it, and pinning it keeps a stray time from another device from starting the chain.
 * Each entry states the item's state after it: who holds it (`to`) and where it is (`location`); an examination
 * with either left blank leaves that part as it was (looking at an item does not move it).
 */
export function evidenceItems(events: readonly TimelineEvent[]): EvidenceItem[] {
  const chains = new Map<string, CustodyEvent[]>();
  for (const event of events) {
    if (event.kind !== 'custody') continue;
    const chain = chains.get(event.itemId);
    if (chain) chain.push(event);
    else chains.set(event.itemId, [event]);
  }
  const items = [...chains.values()].map((chain) => replay(chain.sort(chainOrder)));
  return items.sort((a, b) => handledOrder(a.chain[0]!, b.chain[0]!));
}

function chainOrder(a: CustodyEvent, b: CustodyEvent): number {
  return Number(!collects(a)) - Number(!collects(b)) || handledOrder(a, b);
}

function collects(event: CustodyEvent): boolean {
  return event.action === 'collected' && event.id === event.itemId;
}

/** The item's state after its sorted chain; the first final action ends it and later links change nothing. */
function replay(chain: CustodyEvent[]): EvidenceItem {
  const first = chain[0]!;
  let state = stateAfter(first);
  let last = first;
  let ending = isFinalCustodyAction(first.action) ? first : null;
  const afterEnd: string[] = [];
  for (const event of chain.slice(1)) {
    if (ending) {
      afterEnd.push(event.id);
      continue;
    }
    state = stateAfter(event, state);
    last = event;
    if (isFinalCustodyAction(event.action)) ending = event;
  }
  return { itemId: first.itemId, item: first.item, chain, ...state, last, ending, afterEnd };
}

/** Who holds an item and where it is ('' when not said). */
export interface CustodyState {
  holder: string;
  location: string;
}

/** The state an entry leaves: its `to` and `location`, except that an examination keeps what it leaves blank. */
function stateAfter(event: CustodyEvent, before: CustodyState = { holder: '', location: '' }): CustodyState {
  const keeps = event.action === 'examined';
  return { holder: keeps && event.to === '' ? before.holder : event.to, location: keeps && event.location === '' ? before.location : event.location };
}

/**
 * The item's state as of `at`, from its chain in handled order (`EvidenceItem.chain`): the replay of the entries
 * handled at or before that instant, stopping at the chain's end as `evidenceItems` does. Null before the collection
 * (the item was not in custody yet). "At or before": a link recorded now at an instant equal to an existing one sorts
 * after it (its HLC is higher), so that entry's state is the one the new link starts from. This is what late
 * paperwork must start from: an examination written at 11:05 for 10:55 happened where the item was at 10:55, not
 * where it is now.
 */
export function custodyStateAt(chain: readonly CustodyEvent[], at: ZonedTime): CustodyState | null {
  const ms = instant(at);
  const first = chain[0];
  if (!first || ms < instant(first.handledAt)) return null;
  let state = stateAfter(first);
  if (isFinalCustodyAction(first.action)) return state;
  for (const event of chain.slice(1)) {
    if (instant(event.handledAt) > ms) break;
    state = stateAfter(event, state);
    if (isFinalCustodyAction(event.action)) break;
  }
  return state;
}

/**
 * Ids of the chain's late entries: those handled before an entry of the same item recorded earlier (strictly earlier
 * handled-at instant than some entry before it in causal order: HLC, then id). Causal order is the recording order
 * every device agrees on, so the same entries give the same answer on every device whatever their arrival order;
 * equal instants are not late (handled order then keeps recording order). Late entries are normal (paperwork written
 * afterwards) but a reader of the chain should see that the entry was written after what follows it.
 */
export function lateEntries(chain: readonly CustodyEvent[]): ReadonlySet<string> {
  const late = new Set<string>();
  let latest = Number.NEGATIVE_INFINITY;
  for (const event of [...chain].sort(causalOrder)) {
    const ms = instant(event.handledAt);
    if (ms < latest) late.add(event.id);
    else latest = ms;
  }
  return late;
}

export interface CollectEvidenceInput {
  /** What the item is. */
  item: string;
  /** Who collected it (and so holds it now). */
  to: string;
  /** Who handed it over, if anybody did. */
  from?: string;
  location?: string;
  handledAt: ZonedTime;
  /** SHA-256 of a file attached to this incident that shows or is the item. */
  sha256?: string | null;
  notes?: string;
}

export interface CustodyInput {
  itemId: string;
  action: CustodyLinkAction;
  from?: string;
  to?: string;
  location?: string;
  handledAt: ZonedTime;
  sha256?: string | null;
  notes?: string;
}

type Refusal = Extract<CommandResult, { ok: false }>;

// Allowed in every status, closed and cancelled included: custody of evidence outlives the incident (an item is
// returned or disposed of long after the incident closed, and its chain must keep saying who had it). So these
// commands deliberately have no read-only check like the checklist's.

/** Starts an item's chain: one `custody` entry whose own id becomes the item's id, so every device names it alike. */
export function collectEvidence(incident: Incident, input: CollectEvidenceInput, ctx: CommandContext, attachedHashes: readonly string[] = []): CommandResult {
  const item = text(input.item);
  if (item === '') return refuse('missing-field', 'item', 'Describe the item (for example “Laptop, serial 5CG1234”).');
  const to = text(input.to);
  if (to === '') return refuse('missing-field', 'to', 'Say who collected the item.');
  const problem = handledAtProblem(input.handledAt, incident, ctx) ?? fileProblem(input.sha256, attachedHashes);
  if (problem) return problem;
  const base = eventBase(incident.id, ctx);
  return custodyEntry(incident, ctx, { ...base, kind: 'custody', itemId: base.id, item, action: 'collected', from: text(input.from), to, location: text(input.location), handledAt: input.handledAt, ...fileOf(input.sha256), notes: text(input.notes) });
}

/** Adds a link to an existing item's chain: handed over, stored, examined, returned or disposed of. */
export function recordCustody(incident: Incident, items: readonly EvidenceItem[], input: CustodyInput, ctx: CommandContext, attachedHashes: readonly string[] = []): CommandResult {
  const current = items.find((candidate) => candidate.itemId === input.itemId);
  if (!current || current.chain[0]?.incidentId !== incident.id) {
    return refuse('invalid-value', 'itemId', 'That item is not on this incident’s evidence list. Collect it first.');
  }
  const action = input.action;
  if (!CUSTODY_LINK_ACTIONS.includes(action)) {
    return refuse('invalid-value', 'action', `Choose what happened: ${orList(CUSTODY_LINK_ACTIONS.map((option) => CUSTODY_ACTION_LABELS[option].toLowerCase()))}.`);
  }
  const problem = handledAtProblem(input.handledAt, incident, ctx) ?? placeProblem(current, action, instant(input.handledAt));
  if (problem) return problem;
  const to = text(input.to);
  const location = text(input.location);
  if (action === 'transferred' && to === '') return refuse('missing-field', 'to', 'Say who the item was handed over to.');
  if (action === 'stored' && location === '') return refuse('missing-field', 'location', 'Say where the item is stored (for example “Evidence locker 2, IT office”).');
  const fileRefusal = fileProblem(input.sha256, attachedHashes);
  if (fileRefusal) return fileRefusal;
  return custodyEntry(incident, ctx, {
    ...eventBase(incident.id, ctx),
    kind: 'custody',
    itemId: current.itemId,
    item: current.item,
    action,
    from: text(input.from),
    to,
    location,
    handledAt: input.handledAt,
    ...fileOf(input.sha256),
    notes: text(input.notes),
  });
}

function custodyEntry(incident: Incident, ctx: CommandContext, event: CustodyEvent): CommandResult {
  // The schema's own limits (lengths, the time's shape) with their messages, before the kit's last gate.
  const fields = custodyFieldsSchema.safeParse(event);
  if (!fields.success) return invalidInput(fields.error.issues[0]);
  return validated({ ...incident, updatedAt: touchedAt(incident, ctx) }, event, { incidentId: incident.id, set: {}, event });
}

function handledAtProblem(handledAt: ZonedTime, incident: Incident, ctx: CommandContext): Refusal | undefined {
  const ms = typeof handledAt?.utc === 'string' ? Date.parse(handledAt.utc) : Number.NaN;
  if (Number.isNaN(ms)) return refuse('missing-field', 'handledAt', 'Enter when the item was handled.');
  if (ms - Date.parse(ctx.now.utc) > HANDLED_AT_FUTURE_TOLERANCE_MS) {
    return refuse('invalid-value', 'handledAt', `This is in the future (${wallClockText(handledAt)}). Enter when it actually happened; at most ${HANDLED_AT_FUTURE_TOLERANCE_MS / 60_000} minutes ahead of this computer’s clock is accepted.`);
  }
  if (Date.parse(incident.occurredAt.utc) - ms > HANDLED_BEFORE_OCCURRED_MARGIN_MS) {
    return refuse('invalid-value', 'handledAt', `This is before the incident happened (occurred at ${wallClockText(incident.occurredAt)}). Enter when the item was actually handled, or correct the incident’s Occurred at first.`);
  }
  return undefined;
}

/**
 * Where a link would land in the chain's handled order. A link handled before the latest one is fine (late paperwork
 * is normal) and lands in its place; but nothing can be handled before the collection or after the chain's end, and an
 * end cannot come before a link already recorded (the item would have been handled after it left custody). A new
 * entry's HLC is above every entry this device knows, so at an equal instant it sorts after them: hence `>=` and `<`.
 */
function placeProblem(item: EvidenceItem, action: CustodyLinkAction, ms: number): Refusal | undefined {
  const collected = item.chain[0]!;
  if (ms < instant(collected.handledAt)) {
    return refuse('invalid-value', 'handledAt', `This is before the item was collected (${wallClockText(collected.handledAt)}). Enter when it actually happened.`);
  }
  const { ending } = item;
  if (ending && ms >= instant(ending.handledAt)) {
    return refuse('not-allowed', 'handledAt', `The chain of custody of “${clip(item.item)}” has ended: ${CUSTODY_ACTION_LABELS[ending.action].toLowerCase()} on ${wallClockText(ending.handledAt)}, recorded by ${ending.author.name}. Nothing can be handled after that; if this happened earlier, enter when it actually happened.`);
  }
  const latest = item.chain.at(-1)!;
  if (isFinalCustodyAction(action) && ms < instant(latest.handledAt)) {
    return refuse('invalid-value', 'handledAt', `A chain cannot end before its last link: “${clip(item.item)}” was ${CUSTODY_ACTION_LABELS[latest.action].toLowerCase()} on ${wallClockText(latest.handledAt)}, recorded by ${latest.author.name}. Enter when it was actually ${CUSTODY_ACTION_LABELS[action].toLowerCase()}, at that time or later.`);
  }
  return undefined;
}

function fileProblem(sha256: string | null | undefined, attachedHashes: readonly string[]): Refusal | undefined {
  if (sha256 === undefined || sha256 === null || sha256 === '') return undefined;
  if (attachedHashes.includes(sha256)) return undefined;
  return refuse('invalid-value', 'sha256', 'That file is not attached to this incident. Attach it first (with a note), or choose no file.');
}

function fileOf(sha256: string | null | undefined): { sha256?: string } {
  return sha256 ? { sha256 } : {};
}

function refuse(code: Refusal['error']['code'], field: string, message: string): Refusal {
  return { ok: false, error: { code, field, message } };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Epoch ms of a handled-at; 0 for a time that does not parse (the schema keeps those out), so sorting stays total. */
function instant(time: ZonedTime): number {
  const ms = Date.parse(time.utc);
  return Number.isNaN(ms) ? 0 : ms;
}

function orList(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '');
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}

/** "2026-11-26 14:30 UTC+01:00": the wall-clock time where it was recorded, for messages (shared code has no locale). */
export function wallClockText(time: ZonedTime): string {
  const wall = new Date(Date.parse(time.utc) + time.offsetMinutes * 60_000).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)} ${formatUtcOffset(time.offsetMinutes)}`;
}
