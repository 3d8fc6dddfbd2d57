// The statistics as plain text, for a situation report by SMS, radio or e-mail when only words travel.
import { PRIORITY_LABELS, type IncidentStats } from '../../../shared/domain';
import { categoryName, complianceDetail, formatCompliance, formatCount, formatMedian } from './stats-format';
import { periodRange, PERIOD_LABELS, type LabelledPeriod } from './stats-period';
import { format } from 'date-fns';

export interface StatsTextContext {
  readonly period: LabelledPeriod;
  readonly asOf: number;
  /** "site Main campus › Block A, team Electrical", or empty for everything. */
  readonly scope: string;
}

/** Categories named in the text: the busiest few, so the report stays short enough to read out. */
const TEXT_CATEGORIES = 5;

function share(label: string, compliance: IncidentStats['response']): string {
  return `${label} ${formatCompliance(compliance)} (${complianceDetail(compliance)})`;
}

/** Lines a person can paste anywhere; every figure in words and numbers, nothing that needs the screen. */
export function statsAsText(stats: IncidentStats, context: StatsTextContext): string {
  const { period, asOf, scope } = context;
  const lines = [
    `Lantern statistics: ${PERIOD_LABELS[period.id].toLowerCase()} (${periodRange(period)})${scope ? `, ${scope}` : ''}, as of ${format(asOf, 'd MMM yyyy HH:mm')}`,
    `Now: ${formatCount(stats.backlog.open)} open, ${formatCount(stats.backlog.overdue)} overdue, ${formatCount(stats.backlog.unowned)} unowned`,
    `Recorded ${formatCount(stats.recorded)}${stats.cancelled > 0 ? ` (${formatCount(stats.cancelled)} cancelled)` : ''}, resolved ${formatCount(stats.resolved)}, still open ${formatCount(stats.stillOpen)}, major ${formatCount(stats.major)}`,
    `${share('Owned in time', stats.response)}; ${share('resolved in time', stats.resolve)}`,
    `Median time to own ${formatMedian(stats.medianTimeToOwnMs)}; to resolve ${formatMedian(stats.medianTimeToResolveMs)} (SLA time)`,
  ];
  for (const row of stats.byPriority) {
    lines.push(`${PRIORITY_LABELS[row.priority]}: ${formatCount(row.recorded)} recorded, ${formatCount(row.resolved)} resolved, ${formatCount(row.stillOpen)} still open, resolved in time ${formatCompliance(row.resolve)}`);
  }
  if (stats.byCategory.length > 0) {
    const named = stats.byCategory.slice(0, TEXT_CATEGORIES).map((c) => `${categoryName(c.category)} ${formatCount(c.recorded)}`);
    const rest = stats.byCategory.length - TEXT_CATEGORIES;
    lines.push(`Most recorded: ${named.join(', ')}${rest > 0 ? `, and ${rest} more ${rest === 1 ? 'category' : 'categories'}` : ''}`);
  }
  if (stats.exercisesLeftOut > 0) lines.push(`${formatCount(stats.exercisesLeftOut)} exercise ${stats.exercisesLeftOut === 1 ? 'incident' : 'incidents'} left out`);
  return lines.join('\n');
}
