// Level changes made self-contained: each names both impact and urgency, read from the incident's levels now.
import type { Impact } from '../priority';
import { orderedEntries, type SlaChange, type SlaTimeline } from './clock';
import { initialLevels, type SlaPriorityNow } from './priority-history';

/**
 * The timeline with every level change naming both levels ([v, v] for the one it left alone), in the input's order.
 * A change of impact alone does not say the urgency it met; the incident's levels now (`now`) do, replayed backwards
 * through the changes. Unchanged when nothing changed a level or the levels cannot be known.
 */
export function completeLevels(timeline: SlaTimeline, now: SlaPriorityNow): SlaTimeline {
  if (!timeline.changes.some((change) => change.levels)) return timeline;
  const ordered = orderedEntries(timeline);
  const start = initialLevels(ordered, now);
  if (start === null) return timeline;
  let impact: Impact = start.impact;
  let urgency: Impact = start.urgency;
  const completed = new Map<SlaChange, SlaChange>();
  for (const change of ordered) {
    const levels = change.levels;
    if (!levels) continue;
    const before = { impact, urgency };
    impact = levels.impact?.[1] ?? impact;
    urgency = levels.urgency?.[1] ?? urgency;
    completed.set(change, { ...change, levels: { impact: [before.impact, impact], urgency: [before.urgency, urgency] } });
  }
  return { createdAtMs: timeline.createdAtMs, changes: timeline.changes.map((change) => completed.get(change) ?? change) };
}
