// Seed values for the reference lists (teams, manager levels, channels, sites); stored in the database and editable there.
export const DEFAULT_TEAMS = [
  'Service desk',
  'Network operations',
  'Server & storage',
  'Security operations',
  'Facilities maintenance',
  'Electrical',
  'Biomedical engineering',
] as const;

/** Hierarchical escalation targets, lowest first. */
export const DEFAULT_MANAGER_LEVELS = ['Team lead', 'Duty manager', 'Head of operations', 'Incident commander'] as const;

export const DEFAULT_CHANNELS = ['Phone', 'Radio', 'Email', 'SMS', 'In person', 'Chat'] as const;

/** Example site tree (campus › building); real deployments replace it with their own locations. */
export const DEFAULT_SITES: readonly (readonly string[])[] = [
  ['Main campus'],
  ['Main campus', 'Block A'],
  ['Main campus', 'Block B'],
  ['Main campus', 'Plant room'],
  ['Field office'],
];

/** People are learned from use (assignees typed on this device); none are seeded. */
export const DEFAULT_PEOPLE: readonly string[] = [];
