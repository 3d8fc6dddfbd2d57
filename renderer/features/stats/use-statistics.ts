// Reads and summarises a period's statistics, with progress, cancel on change, and "out of date" when incidents change.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { summarizeIncidents, type IncidentStats, type StatsSubject } from '../../../shared/domain';
import { useLanternDb } from '../../db';
import { readStatsSubjects, StatsReadCancelled, statsInputMark } from '../../db/stats-read';
import { useMinuteNow } from '../incidents/sla-hooks';
import { periodOf, type LabelledPeriod, type PeriodId } from './stats-period';

/** A read that took less than this is redone by itself when incidents change; a longer one waits for Refresh. */
export const AUTO_REFRESH_BELOW_MS = 500;
/** How long changes settle before a quick read is redone (a sync writes page after page). */
const AUTO_REFRESH_DELAY_MS = 1000;

export interface StatsFigures {
  readonly stats: IncidentStats;
  /** What the figures were computed from, kept to narrow them to a site or team without reading again. */
  readonly subjects: readonly StatsSubject[];
  readonly period: LabelledPeriod;
  /** When the figures were computed (the SLA clocks of open incidents are read at this time). */
  readonly asOf: number;
  /** The input mark when the read began: figures are out of date once it moves. */
  readonly mark: string;
  readonly tookMs: number;
}

export interface StatsState {
  readonly periodId: PeriodId;
  readonly choosePeriod: (periodId: PeriodId) => void;
  /** The latest figures of the chosen period, kept on screen while newer ones are read; null until its first read. */
  readonly figures: StatsFigures | null;
  /** Set while reading: rows read of the candidates found. */
  readonly progress: { readonly read: number; readonly total: number } | null;
  /** The running read was started by the hook itself (incidents changed): nothing to announce. */
  readonly quietRead: boolean;
  /** Why the last read failed; kept on screen until a read succeeds. */
  readonly error: string | null;
  /** Why the figures on screen are out of date: incidents or policies changed, or the period moved on. */
  readonly outOfDate: 'changed' | 'period' | null;
  readonly refresh: () => void;
}

interface Request {
  readonly periodId: PeriodId;
  /** Unique per read, so a finished read is only ever the current one when it is that very read. */
  readonly serial: number;
  readonly quiet: boolean;
}

/** Moves when the period should be read again: each new clock hour for the last 24 hours, each new day otherwise. */
function periodStep(period: LabelledPeriod): number {
  return period.unit === 'hour' ? (period.bucketStarts[period.bucketStarts.length - 1] ?? period.fromMs) : period.toMs;
}

export function useStatistics(initialPeriod: PeriodId): StatsState {
  const db = useLanternDb();
  const [request, setRequest] = useState<Request>({ periodId: initialPeriod, serial: 0, quiet: false });
  const [figures, setFigures] = useState<StatsFigures | null>(null);
  const [finished, setFinished] = useState(-1);
  const [progress, setProgress] = useState<{ serial: number; read: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const liveMark = useLiveQuery(() => statsInputMark(db), [db]);
  const minute = useMinuteNow();
  const choosePeriod = useCallback((periodId: PeriodId) => setRequest((r) => ({ periodId, serial: r.serial + 1, quiet: false })), []);
  const refresh = useCallback(() => setRequest((r) => ({ ...r, serial: r.serial + 1, quiet: false })), []);
  const autoRefresh = useCallback(() => setRequest((r) => ({ ...r, serial: r.serial + 1, quiet: true })), []);

  const { periodId, serial } = request;
  useEffect(() => {
    const controller = new AbortController();
    const started = performance.now();
    (async () => {
      const mark = await statsInputMark(db);
      const now = new Date();
      const period = periodOf(periodId, now);
      const subjects = await readStatsSubjects(db, period.fromMs, {
        signal: controller.signal,
        onProgress: (read, total) => {
          if (!controller.signal.aborted) setProgress({ serial, read, total });
        },
      });
      const stats = summarizeIncidents(subjects, period, now.getTime());
      if (controller.signal.aborted) return;
      setFigures({ stats, subjects, period, asOf: now.getTime(), mark, tookMs: performance.now() - started });
      setError(null);
      setFinished(serial);
    })().catch((failure: unknown) => {
      if (failure instanceof StatsReadCancelled || controller.signal.aborted) return;
      const reason = failure instanceof Error ? failure.message : String(failure);
      setError(`The statistics could not be read (${reason}). Press Refresh to try again; if it keeps failing, restart Lantern.`);
      setFinished(serial);
    });
    return () => controller.abort();
  }, [db, periodId, serial]);

  const reading = finished !== serial;
  const shownProgress = reading ? (progress?.serial === serial ? { read: progress.read, total: progress.total } : { read: 0, total: 0 }) : null;
  const current = figures !== null && figures.period.id === periodId ? figures : null;
  const changed = current !== null && liveMark !== undefined && liveMark !== current.mark;
  // A new hour or day has begun; `>`: the minute tick can lag (a throttled timer) behind the read. Once per minute, not
  // per render: a read's progress re-renders a few hundred times.
  const step = useMemo(() => periodStep(periodOf(periodId, new Date(minute))), [periodId, minute]);
  const periodMoved = current !== null && step > periodStep(current.period);
  const outOfDate = reading || current === null ? null : changed ? 'changed' : periodMoved ? 'period' : null;

  // Cheap reads follow the data by themselves; a slow one waits for the person, and a failing one never loops.
  const quick = current !== null && current.tookMs < AUTO_REFRESH_BELOW_MS;
  useEffect(() => {
    if (outOfDate === null || !quick || error !== null) return;
    const timer = setTimeout(autoRefresh, AUTO_REFRESH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [outOfDate, quick, error, autoRefresh]);

  return { periodId, choosePeriod, figures: current, progress: shownProgress, quietRead: reading && request.quiet, error, outOfDate, refresh };
}
