// The briefing's sections about the incident's work: open checklist steps, facility systems, evidence, review and links.
import {
  currentReview,
  currentSystemStatus,
  CUSTODY_ACTION_LABELS,
  deriveChecklist,
  evidenceItems,
  LINK_RELATION_LABELS,
  REVIEW_FIELD_LABELS,
  REVIEW_PARTS,
  STATUS_LABELS,
  summariseSystemStatus,
  SYSTEM_STATE_LABELS,
  type LinkRelation,
  type TimelineEvent,
} from '../../../shared/domain';
import type { BriefingContext, BriefingSection } from './briefing-text';
import { authorText, cleanText, oneLine, zonedTimeText } from './briefing-words';

export function checklistSection(events: readonly TimelineEvent[]): BriefingSection | null {
  const checklist = deriveChecklist(events);
  if (checklist.total === 0) return null;
  const open = checklist.phases.flatMap((phase) => phase.items.filter((item) => !item.ticked).map((item) => `[ ] ${phase.label}: ${oneLine(item.text)}`));
  return {
    heading: 'Open checklist steps',
    detail: `${checklist.done} of ${checklist.total} done`,
    kind: 'list',
    items: open.length > 0 ? open : ['All steps done.'],
  };
}

/** HICS 251 as the briefing reader needs it: what is down or degraded first, with reason and repair estimate. */
export function systemsSection(events: readonly TimelineEvent[]): BriefingSection | null {
  const status = currentSystemStatus(events);
  if (status.latest === null) return null;
  const rank = { non_functional: 0, partial: 1, functional: 2, not_applicable: 3 } as const;
  const lines = [...status.systems]
    .filter((line) => line.state !== 'not_applicable')
    .sort((a, b) => rank[a.state] - rank[b.state])
    .map((line) => {
      const facts = [line.reason !== '' ? oneLine(line.reason) : '', line.repairEstimate !== '' ? `repair estimate ${oneLine(line.repairEstimate)}` : '', `as of ${zonedTimeText(line.at)}`];
      return `${oneLine(line.system)}: ${SYSTEM_STATE_LABELS[line.state]} (${facts.filter((fact) => fact !== '').join(', ')})`;
    });
  return { heading: 'Facility systems', detail: summariseSystemStatus(status), kind: 'list', items: lines.length > 0 ? lines : ['No system in use (all N/A).'] };
}

/** Each evidence item with where it is and who holds it, so custody carries over at a handover. */
export function evidenceSection(events: readonly TimelineEvent[]): BriefingSection | null {
  const items = evidenceItems(events);
  if (items.length === 0) return null;
  const inCustody = items.filter((item) => item.ending === null).length;
  return {
    heading: 'Evidence',
    detail: `${items.length} ${items.length === 1 ? 'item' : 'items'}, ${inCustody} in custody`,
    kind: 'list',
    items: items.map((item) => {
      const where = [item.holder !== '' ? `held by ${oneLine(item.holder)}` : '', item.location !== '' ? `at ${oneLine(item.location)}` : ''].filter((part) => part !== '').join(' ');
      const last = `${CUSTODY_ACTION_LABELS[item.last.action]} ${zonedTimeText(item.last.handledAt)}`;
      return `${oneLine(item.item)}: ${item.ending !== null ? 'chain ended, ' : ''}${where !== '' ? `${where}, ` : ''}last: ${last}`;
    }),
  };
}

/** The after-action review in force, part by part, for the debrief pack. */
export function reviewSection(events: readonly TimelineEvent[]): BriefingSection | null {
  const review = currentReview(events);
  if (review === null) return null;
  return {
    heading: 'After-action review',
    detail: `by ${authorText(review.by)}, ${zonedTimeText(review.at)}${review.revisions > 0 ? `, revised ${review.revisions} ${review.revisions === 1 ? 'time' : 'times'}` : ''}`,
    kind: 'list',
    items: REVIEW_PARTS.filter((part) => review.fields[part] !== '').map((part) => `${REVIEW_FIELD_LABELS[part]}: ${cleanText(review.fields[part]).trim()}`),
  };
}

/** "NQJS-0002 · Parent · Campus power outage · In progress", parents first, so whoever takes over sees the whole picture. */
export function linksSection(links: BriefingContext['links']): BriefingSection | null {
  if (links === undefined || links.length === 0) return null;
  const rank: Record<LinkRelation, number> = { parent: 0, child: 1, related: 2 };
  const items = [...links].sort((a, b) => rank[a.relation] - rank[b.relation]).map((link) => {
    const facts = link.number === null ? ['An incident not on this computer'] : [link.number, oneLine(link.title ?? ''), link.status === null ? '' : STATUS_LABELS[link.status]];
    return [facts[0], LINK_RELATION_LABELS[link.relation], ...facts.slice(1)].filter((part) => part !== '').join(' · ');
  });
  return { heading: 'Linked incidents', detail: `${links.length}`, kind: 'list', items };
}
