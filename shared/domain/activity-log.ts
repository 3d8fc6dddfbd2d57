// Activity logs (HICS 214): one person's timed entries on an incident, per position, over an operational period.
import type { Author } from './author';
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
}

/** One line of an activity log: an entry, and the corrections other entries later made to it. */
export interface ActivityLine {
  readonly event: TimelineEvent;
  /** Entries that correct this one, in the order they were made (append-only: the entry itself stays as it was). */
  readonly corrections: readonly TimelineEvent[];
}

/** The key of a name and position pair; the separator cannot appear in either (both are trimmed single-line text). */
export function authorKey(author: Author): string {
  return `${author.name}\u0000${author.position ?? ''}`;
}

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
    .map(([key, person]) => ({ key, ...person }))
    .sort((a, b) => b.entries - a.entries || a.name.localeCompare(b.name) || (a.position ?? '').localeCompare(b.position ?? ''));
}

/**
 * The person's entries recorded within [fromMs, toMs], in the order of their recorded times (a log is read by the
 * clock on the wall; the causal order breaks ties, so every device lists equal times alike). Each line carries the
 * corrections made to it by anyone, at any time: a log printed after a correction must not repeat the error alone.
 */
export function activityLines(events: readonly TimelineEvent[], personKey: string, fromMs: number, toMs: number): ActivityLine[] {
  const correctionsOf = new Map<string, TimelineEvent[]>();
  for (const event of [...events].sort(causalOrder)) {
    const target = event.kind === 'correction' || event.kind === 'note' ? event.corrects : undefined;
    if (target === undefined) continue;
    const list = correctionsOf.get(target);
    if (list) list.push(event);
    else correctionsOf.set(target, [event]);
  }
  return events
    .filter((event) => {
      if (authorKey(event.author) !== personKey) return false;
      const atMs = Date.parse(event.at.utc);
      return atMs >= fromMs && atMs <= toMs;
    })
    .sort((a, b) => Date.parse(a.at.utc) - Date.parse(b.at.utc) || causalOrder(a, b))
    .map((event) => ({ event, corrections: correctionsOf.get(event.id) ?? [] }));
}
