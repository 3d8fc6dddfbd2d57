// Which copy of an automatic timeline entry every replica keeps, when devices wrote the same entry apart.

import { SYSTEM_AUTHOR } from '../domain/author';
import type { TimelineEvent } from '../domain/timeline';

/**
 * Entries Lantern writes by itself (an automatic escalation, an automatic close) have ids every device derives alike,
 * so two laptops that both saw it due write one entry with two contents: each its own time, stamp and device (HQ
 * refuses an operation stamped as another device's, so they cannot be made equal). Every replica and HQ keep the copy
 * with the highest stamp, which is also the copy whose change wins the field merge: the same entry everywhere, and
 * the status's stamp names an entry every replica holds. People's entries have ids of their own and never meet.
 */
export function isAutomaticEntry(event: Pick<TimelineEvent, 'author'>): boolean {
  return event.author.name === SYSTEM_AUTHOR.name && event.author.position === undefined;
}

type EntryCopy = Pick<TimelineEvent, 'author' | 'hlc' | 'incidentId'>;

/** Whether `incoming`, with the same id as the `held` entry, takes its place (both automatic, of the same incident). */
export function replacesAutomaticCopy(held: EntryCopy, incoming: EntryCopy): boolean {
  return isAutomaticEntry(held) && isAutomaticEntry(incoming) && held.incidentId === incoming.incidentId && incoming.hlc > held.hlc;
}
