// Link vocabulary for `linked` timeline entries: how another incident relates to the one the entry is on.
export const LINK_RELATIONS = ['related', 'parent', 'child'] as const;
/** What the target is to the incident the entry is written on ("parent": the target is this incident's parent). */
export type LinkRelation = (typeof LINK_RELATIONS)[number];

export const LINK_ACTIONS = ['link', 'unlink'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export const LINK_RELATION_LABELS: Record<LinkRelation, string> = {
  related: 'Related',
  parent: 'Parent',
  child: 'Child',
};

/** The same link seen from the other incident: parent ↔ child, related stays related. */
export function inverseRelation(relation: LinkRelation): LinkRelation {
  return relation === 'parent' ? 'child' : relation === 'child' ? 'parent' : 'related';
}
