// The Statistics pane: a period's counts, SLA compliance and times, per priority, day and category; drills left out.
import { format } from 'date-fns';
import { useEffect, useRef, useState } from 'react';
import { CategoryChart } from './category-chart';
import { PriorityTable } from './priority-table';
import { formatCount } from './stats-format';
import { DEFAULT_PERIOD, isPeriodId, PERIOD_IDS, PERIOD_LABELS, periodRange, type PeriodId } from './stats-period';
import { StatsTiles } from './stats-tiles';
import { TrendChart } from './trend-chart';
import { AUTO_REFRESH_BELOW_MS, useStatistics, type StatsFigures } from './use-statistics';
import './statistics.css';

/** The period chosen last, kept for the session so reopening the pane shows the same view. */
let lastPeriod: PeriodId = DEFAULT_PERIOD;

function Notes({ figures }: { figures: StatsFigures }) {
  const { stats } = figures;
  return (
    <ul className="stats-notes">
      {stats.exercisesLeftOut > 0 && (
        <li>
          {formatCount(stats.exercisesLeftOut)} exercise {stats.exercisesLeftOut === 1 ? 'incident is' : 'incidents are'} left out of every figure.
        </li>
      )}
      <li>
        Recorded counts incidents created in the period; resolved counts those resolved in it, whenever they were recorded. Owned in time and
        resolved in time compare each incident with its SLA policy&apos;s target; cancelled incidents and open ones still within their target are
        not judged.
      </li>
      <li>Times are SLA time: time on hold and hours outside a policy&apos;s calendar are not counted.</li>
    </ul>
  );
}

function Figures({ figures }: { figures: StatsFigures }) {
  const { stats, period } = figures;
  if (stats.recorded === 0 && stats.resolved === 0) {
    return (
      <div className="stats-empty">
        <p>No incidents were recorded or resolved in this period{stats.exercisesLeftOut > 0 ? ' apart from exercises' : ''}.</p>
        <p className="muted">Choose a longer period to see more.</p>
      </div>
    );
  }
  return (
    <>
      <StatsTiles stats={stats} />
      <TrendChart buckets={stats.buckets} unit={period.unit} />
      <PriorityTable rows={stats.byPriority} />
      {stats.byCategory.length > 0 && <CategoryChart categories={stats.byCategory} />}
    </>
  );
}

export function StatisticsPane({ onClose }: { onClose: () => void }) {
  const [periodId, setPeriodId] = useState<PeriodId>(lastPeriod);
  const { figures, progress, error, outOfDate, refresh } = useStatistics(periodId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const choose = (value: string) => {
    if (!isPeriodId(value)) return;
    lastPeriod = value;
    setPeriodId(value);
  };
  const shown = figures !== null && figures.period.id === periodId ? figures : null;
  // A quick read refreshes itself (use-statistics.ts); only a slow one asks the person to.
  const stale = outOfDate && shown !== null && shown.tookMs >= AUTO_REFRESH_BELOW_MS;
  return (
    <section className="stats-pane" aria-labelledby="stats-heading">
      <header className="stats-header">
        <h2 id="stats-heading" ref={headingRef} tabIndex={-1}>
          Statistics
        </h2>
        <div className="stats-period">
          <label htmlFor="stats-period">Period</label>
          <select id="stats-period" value={periodId} onChange={(event) => choose(event.target.value)}>
            {PERIOD_IDS.map((id) => (
              <option key={id} value={id}>
                {PERIOD_LABELS[id]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={refresh} disabled={progress !== null}>
          Refresh
        </button>
        <button type="button" className="ghost" onClick={onClose} aria-label="Close statistics">
          ✕
        </button>
      </header>
      {/* Announced once per state; the running count sits beside the bar, outside the live region. */}
      <p className="stats-status" role="status">
        {progress !== null
          ? 'Reading incidents…'
          : shown !== null
            ? `${periodRange(shown.period)} · figures as of ${format(shown.asOf, 'HH:mm')}${stale ? ' · incidents have changed since: press Refresh' : ''}`
            : ''}
      </p>
      {progress !== null && progress.total > 0 && (
        <p className="stats-progress">
          <progress aria-label="Reading incidents" value={progress.read} max={progress.total} />
          <span>
            {formatCount(progress.read)} of {formatCount(progress.total)}
          </span>
        </p>
      )}
      {error !== null && (
        <p className="stats-error" role="alert">
          {error}
        </p>
      )}
      {shown !== null && (
        <div className={progress !== null ? 'stats-body updating' : 'stats-body'}>
          <Figures figures={shown} />
          <Notes figures={shown} />
        </div>
      )}
    </section>
  );
}
