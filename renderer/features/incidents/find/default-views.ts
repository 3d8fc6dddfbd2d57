// The built-in views of the Find pane: All, Open, My incidents, Major, Recently resolved.
import { OPEN_STATUSES } from '../../../../shared/domain';
import type { FindQuery } from '../../../db';

export interface ViewDefinition {
  id: string;
  name: string;
  query: FindQuery;
}

export const DEFAULT_VIEWS: readonly ViewDefinition[] = [
  { id: 'all', name: 'All incidents', query: {} },
  { id: 'open', name: 'Open', query: { statuses: [...OPEN_STATUSES] } },
  { id: 'mine', name: 'My incidents', query: { mine: true, statuses: [...OPEN_STATUSES] } },
  { id: 'major', name: 'Major', query: { major: true } },
  { id: 'recently-resolved', name: 'Recently resolved', query: { statuses: ['resolved', 'closed'], sort: { key: 'updatedAt', dir: 'desc' } } },
];
