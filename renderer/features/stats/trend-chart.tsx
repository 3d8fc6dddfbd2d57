// Recorded and resolved per hour or day as a bar chart (Recharts), with the same figures as a table beside it.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BucketStats } from '../../../shared/domain';
import { formatCount } from './stats-format';
import { axisLabel, axisTicks, bucketLabel, type LabelledPeriod } from './stats-period';
import { CHART_AXIS_TICK, CHART_TOOLTIP_STYLE } from './chart-style';
import { FiguresTable } from './figures-table';

interface TrendChartProps {
  readonly buckets: readonly BucketStats[];
  readonly unit: LabelledPeriod['unit'];
}

/** One sentence a screen reader gets for the picture: totals and the busiest bucket. */
function summaryOf(buckets: readonly BucketStats[], unit: LabelledPeriod['unit']): string {
  const recorded = buckets.reduce((sum, b) => sum + b.recorded, 0);
  const resolved = buckets.reduce((sum, b) => sum + b.resolved, 0);
  const busiest = buckets.reduce<BucketStats | null>((best, b) => (best === null || b.recorded > best.recorded ? b : best), null);
  const peak = busiest && busiest.recorded > 0 ? `; most recorded ${unit === 'hour' ? 'at' : unit === 'day' ? 'on' : 'in the'} ${bucketLabel(busiest.startMs, unit)} (${formatCount(busiest.recorded)})` : '';
  return `Bar chart per ${unit}: ${formatCount(recorded)} recorded, ${formatCount(resolved)} resolved${peak}. The figures are in the table below.`;
}

export function TrendChart({ buckets, unit }: TrendChartProps) {
  // Explicit ticks (Recharts' own spacing skips unevenly and drops the newest bar's label); the first one names its day.
  const ticks = axisTicks(buckets.map((b) => b.startMs), unit);
  const data = buckets.map((b) => ({ startMs: b.startMs, label: axisLabel(b.startMs, unit, b.startMs === ticks[0]), Recorded: b.recorded, Resolved: b.resolved }));
  const tickLabels = data.filter((row) => ticks.includes(row.startMs)).map((row) => row.label);
  return (
    <figure className="stats-figure">
      <figcaption>Recorded and resolved per {unit}</figcaption>
      <div className="stats-chart" role="img" aria-label={summaryOf(buckets, unit)}>
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tick={CHART_AXIS_TICK} tickLine={false} axisLine={{ stroke: 'var(--border)' }} ticks={tickLabels} interval={0} />
            <YAxis allowDecimals={false} tick={CHART_AXIS_TICK} tickLine={false} axisLine={false} width={48} />
            <Tooltip
              cursor={{ fill: 'var(--surface-2)' }}
              contentStyle={CHART_TOOLTIP_STYLE}
              isAnimationActive={false}
              // The whole bucket ("Thu 26 Nov 22:00"), not the axis's short label.
              labelFormatter={(label, payload) => {
                const startMs: unknown = (payload[0]?.payload as { startMs?: unknown } | undefined)?.startMs;
                return typeof startMs === 'number' ? bucketLabel(startMs, unit) : label;
              }}
            />
            <Legend iconType="square" iconSize={10} wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="Recorded" fill="var(--chart-recorded)" isAnimationActive={false} maxBarSize={24} />
            <Bar dataKey="Resolved" fill="var(--chart-resolved)" isAnimationActive={false} maxBarSize={24} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <FiguresTable
        title={`Figures per ${unit}`}
        columns={[unit === 'hour' ? 'Hour' : unit === 'day' ? 'Day' : 'Week', 'Recorded', 'Resolved']}
        rows={data.map((row) => ({ key: row.startMs, name: bucketLabel(row.startMs, unit), values: [row.Recorded, row.Resolved] }))}
      />
    </figure>
  );
}
