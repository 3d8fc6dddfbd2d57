// Reads and summarises a period's statistics, with progress, cancel on change, and "out of date" when incidents change.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { summarizeIncidents, type IncidentStats } from '../../../shared/domain';
import { useLanternDb } from '../../db';
import { readStatsSubjects, StatsReadCancelled } from '../../db/stats-read';
import { incidentWriteMark } from '../../db/write-mark';
import { useMinuteNow } from '../incidents/sla-hooks';
import { periodOf, type LabelledPeriod, type PeriodId } from './stats-period';

/** A read that took less than this is redone by itself when incidents change; a longer one waits for Refresh. */
export const AUTO_REFRESH_BELOW_MS = 500;

export interface StatsFigures {
  readonly stats: IncidentStats;
  readonly period: LabelledPeriod;
  /** When the figures were computed (the SLA clocks of open incidents are read at this time). */
  readonly asOf: number;
  /** The incident write mark when the read began: figures are out of date once it moves. */
  readonly mark: string;
  readonly tookMs: number;
}

export interface StatsState {
  /** The latest figures, kept on screen while newer ones are read. */
  readonly figures: StatsFigures | null;
  /** Set while reading: rows read of the candidates found. */
  readonly progress: { readonly read: number; readonly total: number } | null;
  readonly error: string | null;
  /** Incidents were written, or the period moved on, since the figures were read. */
  readonly outOfDate: boolean;
  readonly refresh: () => void;
}

export function useStatistics(periodId: PeriodId): StatsState {
  const db = useLanternDb();
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  /** Each read's key: a finished read for an older key (a period changed mid-read) never counts as the current one. */
  const requestKey = `${periodId}#${generation}`;
  const [figures, setFigures] = useState<StatsFigures | null>(null);
  const [done, setDone] = useState<{ key: string; error: string | null } | null>(null);
  const [progress, setProgress] = useState<{ key: string; read: number; total: number } | null>(null);
  const liveMark = useLiveQuery(() => incidentWriteMark(db), [db]);
  const minute = useMinuteNow();

  useEffect(() => {
    const controller = new AbortController();
    const started = performance.now();
    (async () => {
      const mark = await incidentWriteMark(db);
      const now = new Date();
      const period = periodOf(periodId, now);
      const subjects = await readStatsSubjects(db, period.fromMs, period.toMs, {
        signal: controller.signal,
        onProgress: (read, total) => {
          if (!controller.signal.aborted) setProgress({ key: requestKey, read, total });
        },
      });
      const stats = summarizeIncidents(subjects, period, now.getTime());
      if (controller.signal.aborted) return;
      setFigures({ stats, period, asOf: now.getTime(), mark, tookMs: performance.now() - started });
      setDone({ key: requestKey, error: null });
    })().catch((failure: unknown) => {
      if (failure instanceof StatsReadCancelled || controller.signal.aborted) return;
      const reason = failure instanceof Error ? failure.message : String(failure);
      setDone({ key: requestKey, error: `The statistics could not be read (${reason}). Press Refresh to try again; if it keeps failing, restart Lantern.` });
    });
    return () => controller.abort();
  }, [db, periodId, requestKey]);

  const reading = done?.key !== requestKey;
  const shownProgress = reading ? (progress?.key === requestKey ? { read: progress.read, total: progress.total } : { read: 0, total: 0 }) : null;
  const periodMoved = figures !== null && figures.period.id === periodId && periodOf(periodId, new Date(minute)).fromMs !== figures.period.fromMs;
  const outOfDate = figures !== null && !reading && ((liveMark !== undefined && liveMark !== figures.mark) || periodMoved);

  // Cheap reads follow the data by themselves; a slow one waits for the person, so typing elsewhere stays smooth.
  const quick = figures !== null && figures.tookMs < AUTO_REFRESH_BELOW_MS;
  useEffect(() => {
    if (!outOfDate || !quick) return;
    const timer = setTimeout(refresh, 1000);
    return () => clearTimeout(timer);
  }, [outOfDate, quick, refresh]);

  return { figures, progress: shownProgress, error: reading ? null : (done?.error ?? null), outOfDate, refresh };
}
