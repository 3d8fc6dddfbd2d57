// Settings → Lists: the eight lists in the order the editor offers them, their titles and how a count of values is said.
import { REFERENCE_NOUNS, type ReferenceKind } from '../../db/reference';

/** Categories first: the tree people edit most; the flat lists follow in the order a case meets them. */
export const LIST_ORDER: readonly ReferenceKind[] = ['category', 'site', 'team', 'person', 'managerLevel', 'holdReason', 'resolutionCode', 'channel'];

export const LIST_TITLES: Readonly<Record<ReferenceKind, string>> = {
  category: 'Categories',
  site: 'Sites',
  team: 'Teams',
  person: 'People',
  managerLevel: 'Manager levels',
  holdReason: 'Hold reasons',
  resolutionCode: 'Resolution codes',
  channel: 'Channels',
};

/** "1 category", "8 categories", "2 people". */
export function countOf(kind: ReferenceKind, count: number): string {
  return `${count} ${count === 1 ? REFERENCE_NOUNS[kind] : LIST_TITLES[kind].toLowerCase()}`;
}
