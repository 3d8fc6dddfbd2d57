// Incidents recorded per top-level category as horizontal bars (Recharts), with the figures as a table.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CategoryStats } from '../../../shared/domain';
import { CHART_AXIS_TICK, CHART_TOOLTIP_STYLE } from './chart-style';
import { FiguresTable } from './figures-table';
import { categoryName, formatCount } from './stats-format';

/** Bars shown; the rest are summed into "Other categories" so the chart stays readable. */
export const CATEGORY_BARS = 8;

interface CategoryRow {
  readonly name: string;
  readonly Recorded: number;
  readonly 'Still open': number;
}

function rowsOf(categories: readonly CategoryStats[]): CategoryRow[] {
  const shown = categories.slice(0, CATEGORY_BARS).map((c) => ({ name: categoryName(c.category), Recorded: c.recorded, 'Still open': c.stillOpen }));
  const rest = categories.slice(CATEGORY_BARS);
  if (rest.length === 0) return shown;
  const sum = (pick: (c: CategoryStats) => number) => rest.reduce((total, c) => total + pick(c), 0);
  return [...shown, { name: `Other categories (${rest.length})`, Recorded: sum((c) => c.recorded), 'Still open': sum((c) => c.stillOpen) }];
}

export function CategoryChart({ categories }: { categories: readonly CategoryStats[] }) {
  const rows = rowsOf(categories);
  const top = rows[0];
  const summary = top
    ? `Bar chart of incidents recorded per category: most in ${top.name} (${formatCount(top.Recorded)}). The figures are in the table below.`
    : 'No incidents recorded in this period.';
  return (
    <figure className="stats-figure">
      <figcaption>Recorded per category</figcaption>
      <div className="stats-chart" role="img" aria-label={summary}>
        <ResponsiveContainer width="100%" height={Math.max(80, rows.length * 30 + 28)}>
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid horizontal={false} stroke="var(--border)" />
            <XAxis type="number" allowDecimals={false} tick={CHART_AXIS_TICK} tickLine={false} axisLine={false} />
            <YAxis type="category" dataKey="name" tick={CHART_AXIS_TICK} tickLine={false} axisLine={{ stroke: 'var(--border)' }} width={230} />
            <Tooltip cursor={{ fill: 'var(--surface-2)' }} contentStyle={CHART_TOOLTIP_STYLE} isAnimationActive={false} />
            <Bar dataKey="Recorded" fill="var(--chart-recorded)" isAnimationActive={false} maxBarSize={16} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <FiguresTable
        title="Figures per category"
        columns={['Category', 'Recorded', 'Still open']}
        rows={categories.map((c) => ({ key: c.category ?? '', name: categoryName(c.category), values: [c.recorded, c.stillOpen] }))}
      />
    </figure>
  );
}
