// Activity logs (HICS 214): one person's timed entries on an incident, per position, over an operational period.
import { SYSTEM_AUTHOR, type Author } from './author';
import { causalOrder, type TimelineEvent } from './timeline';

/**
 * Who made entries, as HICS 214 keeps its logs: one log per person in one position. The same name under another
 * position (a nurse who became Unit Leader) is another log, since the form records what was done in that position.
 */
export interface ActivityPerson {
  /** Stable key of the name and position pair (for selects and filters). */
  readonly key: string;
  readonly name: string;
  readonly position: string | undefined;
  /** How many entries they made on the incident. */
  readonly entries: number;
  /** Their first entry's recorded time (epoch ms), to start an operational period where their work began. */
  readonly firstAtMs: number;
  /** Lantern itself (automatic escalations and closes): listed, but never the log offered first. */
  readonly automatic: boolean;
}

/** One line of an activity log: an entry, the corrections made to it, and what it corrects when it is a correction. */
export interface ActivityLine {
  readonly event: TimelineEvent;
  /** Every later correction of this entry, also corrections of those corrections, in the order they were made. */
  readonly corrections: readonly TimelineEvent[];
  /** For a correction whose target is not a line of this log: that target (null: not on this device). */
  readonly corrects?: TimelineEvent | null;
}

/** The key of a name and position pair (JSON, so no character in either can make two pairs collide). */
export function authorKey(author: Author): string {
  return JSON.stringify([author.name, author.position ?? '']);
}

const SYSTEM_KEY = authorKey(SYSTEM_AUTHOR);

/** Everyone who made entries on the incident, the busiest first, then by name and position. */
export function activityPeople(events: readonly TimelineEvent[]): ActivityPerson[] {
  const people = new Map<string, { name: string; position: string | undefined; entries: number; firstAtMs: number }>();
  for (const event of events) {
    const key = authorKey(event.author);
    const atMs = Date.parse(event.at.utc);
    const held = people.get(key);
    if (held) {
      held.entries += 1;
      if (atMs < held.firstAtMs) held.firstAtMs = atMs;
    } else {
      const position = event.author.position === undefined || event.author.position === '' ? undefined : event.author.position;
      people.set(key, { name: event.author.name, position, entries: 1, firstAtMs: atMs });
    }
  }
  return [...people.entries()]
    .map(([key, person]) => ({ key, ...person, automatic: key === SYSTEM_KEY }))
    .sort((a, b) => b.entries - a.entries || a.name.localeCompare(b.name) || (a.position ?? '').localeCompare(b.position ?? ''));
}

/** The entry `event` corrects, if it is a correction (a correction entry, or a note written as one). */
export function correctedBy(event: TimelineEvent): string | undefined {
  return event.kind === 'correction' || event.kind === 'note' ? event.corrects : undefined;
}

/**
 * The person's entries recorded in [fromMs, toMs) (toMs may be Infinity: up to now, and entries a clock ahead dated
 * later), in the order of their recorded times (a log is read by the clock on the wall; the causal order breaks ties,
 * so every device lists equal times alike). Each line carries the whole chain of corrections made to it by anyone, at
 * any time: a log printed after a correction must not repeat the error alone. A correction of a line in the log is
 * shown under that line only; any other correction is a line of its own naming what it corrects.
 */
export function activityLines(events: readonly TimelineEvent[], personKey: string, fromMs: number, toMs: number): ActivityLine[] {
  const byId = new Map(events.map((event) => [event.id, event]));
  const correctionsOf = new Map<string, TimelineEvent[]>();
  for (const event of events) {
    const target = correctedBy(event);
    if (target === undefined) continue;
    const list = correctionsOf.get(target);
    if (list) list.push(event);
    else correctionsOf.set(target, [event]);
  }
  const own = events
    .filter((event) => {
      if (authorKey(event.author) !== personKey) return false;
      const atMs = Date.parse(event.at.utc);
      return atMs >= fromMs && atMs < toMs;
    })
    .sort((a, b) => Date.parse(a.at.utc) - Date.parse(b.at.utc) || causalOrder(a, b));
  const inLog = new Set(own.map((event) => event.id));

  /** Whether a line of this log is up the correction chain from `event` (then `event` is shown under it). */
  const underALine = (event: TimelineEvent): boolean => {
    const seen = new Set<string>();
    for (let target = correctedBy(event); target !== undefined && !seen.has(target); target = correctedBy(byId.get(target)!)) {
      // A chain that loops back to the entry itself does not hide it.
      if (inLog.has(target) && target !== event.id) return true;
      seen.add(target);
      if (!byId.has(target)) return false;
    }
    return false;
  };
  /** The corrections of `id`, theirs too, each once (a chain that loops ends where it started). */
  const chainOf = (id: string): TimelineEvent[] => {
    const found = new Map<string, TimelineEvent>();
    const queue = [id];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      for (const correction of correctionsOf.get(next) ?? []) {
        if (found.has(correction.id) || correction.id === id) continue;
        found.set(correction.id, correction);
        queue.push(correction.id);
      }
    }
    return [...found.values()].sort(causalOrder);
  };

  return own
    .filter((event) => !underALine(event))
    .map((event) => {
      const target = correctedBy(event);
      const line: ActivityLine = { event, corrections: chainOf(event.id) };
      return target === undefined ? line : { ...line, corrects: byId.get(target) ?? null };
    });
}
