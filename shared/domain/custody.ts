// Evidence chain of custody: the items derived from `custody` entries in HLC order, and the commands that record each link.
import { eventBase, invalidInput, touchedAt, validated } from './command-kit';
import type { CommandContext, CommandResult } from './commands';
import { CUSTODY_ACTION_LABELS, custodyFieldsSchema, FINAL_CUSTODY_ACTIONS, type CustodyAction } from './custody-schema';
import type { Incident } from './incident';
import { causalOrder, type TimelineEvent } from './timeline';
import { formatUtcOffset, type ZonedTime } from './zoned-time';

export type CustodyEvent = Extract<TimelineEvent, { kind: 'custody' }>;

/** One evidence item as its chain says it is now. */
export interface EvidenceItem {
  itemId: string;
  /** The description given when it was collected. */
  item: string;
  /** Every custody entry of the item, in HLC order (the order every device agrees on). */
  chain: readonly CustodyEvent[];
  /** Who holds it now ('' when nobody does: in storage, disposed of, or not said). */
  holder: string;
  /** Where it is kept now ('' when not said). */
  location: string;
  /** The entry that decided the current state: the last one, or the one that ended the chain. */
  last: CustodyEvent;
  /** The returned/disposed entry that ended the chain (the first one in HLC order), or null while in custody. */
  ending: CustodyEvent | null;
  /**
   * Ids of entries recorded after the chain had ended: a laptop offline that did not know of the ending.
   * They stay in the chain (they are facts someone wrote down) but change nothing; the UI points them out.
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


export function isFinalCustodyAction(action: CustodyAction): boolean {
  return FINAL_CUSTODY_ACTIONS.includes(action);
}

/**
 * The incident's evidence items, in the order they were collected. Entries are replayed in HLC order whatever
 * order they arrived in, so two laptops that recorded links of the same item offline show the same holder,
 * location and chain once they have synced. A device can only record a link for an item it knows, and knowing it
 * advanced its HLC past the collecting entry, so `collected` always comes first in its chain.
 * Each entry states the item's state after it: who holds it (`to`) and where it is (`location`); an examination
 * with either left blank leaves that part as it was (looking at an item does not move it).
 */
export function evidenceItems(events: readonly TimelineEvent[]): EvidenceItem[] {
  const custody = events.filter((event): event is CustodyEvent => event.kind === 'custody').sort(causalOrder);
  const items = new Map<string, EvidenceItem>();
  for (const event of custody) {
    const current = items.get(event.itemId);
    if (!current) {
      items.set(event.itemId, {
        itemId: event.itemId,
        item: event.item,
        chain: [event],
        holder: event.to,
        location: event.location,
        last: event,
        ending: isFinalCustodyAction(event.action) ? event : null,
        afterEnd: [],
      });
      continue;
    }
    const chain = [...current.chain, event];
    if (current.ending) {
      items.set(event.itemId, { ...current, chain, afterEnd: [...current.afterEnd, event.id] });
      continue;
    }
    const keeps = event.action === 'examined';
    items.set(event.itemId, {
      ...current,
      chain,
      holder: keeps && event.to === '' ? current.holder : event.to,
      location: keeps && event.location === '' ? current.location : event.location,
      last: event,
      ending: isFinalCustodyAction(event.action) ? event : null,
    });
  }
  return [...items.values()];
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
  action: Exclude<CustodyAction, 'collected'>;
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
  if (current.ending) {
    const { ending } = current;
    return refuse('not-allowed', 'action', `The chain of custody of “${clip(current.item)}” has ended: ${CUSTODY_ACTION_LABELS[ending.action].toLowerCase()} on ${wallClockText(ending.handledAt)}, recorded by ${ending.author.name}. Nothing more can be recorded for it.`);
  }
  const action = input.action;
  if (!(['transferred', 'stored', 'examined', 'returned', 'disposed'] as const).includes(action)) {
    return refuse('invalid-value', 'action', 'Choose what happened: handed over, stored, examined, returned to owner or disposed of.');
  }
  const to = text(input.to);
  const location = text(input.location);
  if (action === 'transferred' && to === '') return refuse('missing-field', 'to', 'Say who the item was handed over to.');
  if (action === 'stored' && location === '') return refuse('missing-field', 'location', 'Say where the item is stored (for example “Evidence locker 2, IT office”).');
  const collected = current.chain[0]!;
  const problem =
    handledAtProblem(input.handledAt, incident, ctx) ??
    (Date.parse(input.handledAt.utc) < Date.parse(collected.handledAt.utc)
      ? refuse('invalid-value', 'handledAt', `This is before the item was collected (${wallClockText(collected.handledAt)}). Enter when it actually happened.`)
      : undefined) ??
    fileProblem(input.sha256, attachedHashes);
  if (problem) return problem;
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

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}

/** "2026-11-26 14:30 UTC+01:00": the wall-clock time where it was recorded, for messages (shared code has no locale). */
export function wallClockText(time: ZonedTime): string {
  const wall = new Date(Date.parse(time.utc) + time.offsetMinutes * 60_000).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)} ${formatUtcOffset(time.offsetMinutes)}`;
}
