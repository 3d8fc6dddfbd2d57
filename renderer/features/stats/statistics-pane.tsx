// The Statistics pane: a period's counts, SLA compliance and times, per priority, day and category; drills left out.
import { format } from 'date-fns';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { inScope, scopeChoices, summarizeIncidents, WHOLE_SCOPE, type IncidentStats, type StatsScope } from '../../../shared/domain';
import { ScopeFilters } from './scope-filters';
import { CopySummary } from './copy-summary';
import { statsAsText } from './stats-text';
import { CategoryChart } from './category-chart';
import { PriorityTable } from './priority-table';
import { formatCount } from './stats-format';
import { DEFAULT_PERIOD, isPeriodId, PERIOD_IDS, PERIOD_LABELS, periodRange, type PeriodId } from './stats-period';

const LONGEST_PERIOD = PERIOD_IDS[PERIOD_IDS.length - 1];
import { BacklogTiles, PeriodTiles } from './stats-tiles';
import { TrendChart } from './trend-chart';
import { AUTO_REFRESH_BELOW_MS, useStatistics, type StatsFigures } from './use-statistics';
import './statistics.css';

/** The period chosen last, kept for the session so reopening the pane shows the same view. */
let lastPeriod: PeriodId = DEFAULT_PERIOD;

const Notes = memo(function Notes() {
  return (
    <ul className="stats-notes">
      <li>
        Recorded counts incidents created in the period; resolved counts those resolved in it, whenever they were recorded. Owned in time and
        resolved in time compare each incident with its SLA policy&apos;s target: an open incident already past its target counts as missed;
        cancelled incidents and open ones still within their target are not judged.
      </li>
      <li>Times are SLA time: time on hold and hours outside a policy&apos;s calendar are not counted.</li>
    </ul>
  );
});

// Memoised: progress updates of a Refresh re-render the pane, and the charts on screen need not redraw for them.
const Figures = memo(function Figures({ figures, stats }: { figures: StatsFigures; stats: IncidentStats }) {
  const { period } = figures;
  const periodName = PERIOD_LABELS[period.id];
  const quiet = stats.recorded === 0 && stats.resolved === 0;
  return (
    <>
      <h3 className="stats-subheading">Now</h3>
      <BacklogTiles stats={stats} />
      <h3 className="stats-subheading">{periodName}</h3>
      {quiet ? (
        <div className="stats-empty">
          <p>{`No incidents were recorded or resolved in the ${periodName.toLowerCase()}${stats.exercisesLeftOut > 0 ? ' apart from exercises' : ''}.`}</p>
          {period.id !== LONGEST_PERIOD && <p className="muted">Choose a longer period to see more.</p>}
        </div>
      ) : (
        <>
          <PeriodTiles stats={stats} periodName={periodName} />
          <TrendChart buckets={stats.buckets} unit={period.unit} />
          <PriorityTable rows={stats.byPriority} />
          {stats.byCategory.length > 0 && <CategoryChart categories={stats.byCategory} />}
        </>
      )}
    </>
  );
});

function scopeText(scope: StatsScope): string {
  return [scope.site && `site ${scope.site}`, scope.team && `team ${scope.team}`].filter(Boolean).join(', ');
}

/** Said beside the period, where a drill's organiser looks when the counts do not match the list. */
function exercisesText(count: number): string {
  return count === 0 ? '' : `${formatCount(count)} exercise ${count === 1 ? 'incident' : 'incidents'} left out`;
}

/** Why the figures need a Refresh, in the person's words. */
function staleText(reason: 'changed' | 'period', unit: 'hour' | 'day' | 'week'): string {
  return reason === 'changed' ? 'incidents or SLA policies have changed since: press Refresh' : `a new ${unit === 'hour' ? 'hour' : 'day'} has begun: press Refresh`;
}

export function StatisticsPane({ onClose }: { onClose: () => void }) {
  const { periodId, choosePeriod, figures: shown, progress, quietRead, error, outOfDate, refresh } = useStatistics(lastPeriod);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const choose = (value: string) => {
    if (!isPeriodId(value)) return;
    lastPeriod = value;
    choosePeriod(value);
  };
  const [scope, setScope] = useState<StatsScope>(WHOLE_SCOPE);
  const choices = useMemo(() => (shown === null ? null : scopeChoices(shown.subjects)), [shown]);
  // Narrowing needs no read: the figures' subjects are summarised again, at the same "as of" time.
  const stats = useMemo(
    () => (shown === null ? null : scope.site === null && scope.team === null ? shown.stats : summarizeIncidents(inScope(shown.subjects, scope), shown.period, shown.asOf)),
    [shown, scope],
  );
  // A quick read refreshes itself (use-statistics.ts); only a slow one asks the person to.
  const stale = outOfDate !== null && shown !== null && shown.tookMs >= AUTO_REFRESH_BELOW_MS ? outOfDate : null;
  const reading = progress !== null && !quietRead;
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
        {shown !== null && stats !== null && <CopySummary text={() => statsAsText(stats, { period: shown.period, asOf: shown.asOf, scope: scopeText(scope) })} />}
        {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus resting on it. */}
        <button type="button" onClick={() => !reading && refresh()} aria-disabled={reading}>
          Refresh
        </button>
        <button type="button" className="ghost" onClick={onClose} aria-label="Close statistics">
          ✕
        </button>
      </header>
      {/* Announced once per state (reads the hook starts by itself say nothing); the running count sits outside it. */}
      <p className="stats-status" role="status">
        {reading
          ? 'Reading incidents…'
          : shown !== null
            ? [periodRange(shown.period), scopeText(scope), `figures as of ${format(shown.asOf, 'HH:mm')}`, exercisesText(stats?.exercisesLeftOut ?? 0), stale && staleText(stale, shown.period.unit)]
                .filter(Boolean)
                .join(' · ')
            : ''}
      </p>
      {reading && progress.total > 0 && (
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
      {shown !== null && choices !== null && <ScopeFilters choices={choices} scope={scope} onChange={setScope} />}
      {shown !== null && stats !== null && (
        <div className={reading ? 'stats-body updating' : 'stats-body'}>
          <Figures figures={shown} stats={stats} />
          <Notes />
        </div>
      )}
    </section>
  );
}
