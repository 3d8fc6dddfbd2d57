// Shared look of the statistics charts: theme colours come from CSS variables, so light and dark both apply.
import type { CSSProperties } from 'react';

export const CHART_AXIS_TICK = { fill: 'var(--muted)', fontSize: 11 } as const;

export const CHART_TOOLTIP_STYLE: CSSProperties = {
  background: 'var(--surface)',
  border: '1px solid var(--border)',
  borderRadius: 'var(--radius)',
  color: 'var(--text)',
  fontSize: 12,
};
