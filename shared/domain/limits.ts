// Text size limits: generous for field work, bounded so one paste cannot wedge the store or the sync.
export const LIMITS = {
  title: 200,
  description: 20_000,
  note: 20_000,
  shortText: 200,
  pathSegment: 120,
  pathDepth: 8,
  tags: 30,
} as const;
