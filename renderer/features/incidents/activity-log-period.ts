// The activity log's operational period as the form holds it, and the instants it stands for (or what is wrong with it).
import type { ActivityPerson } from '../../../shared/domain';
import { localTimeProblem, readLocalTime } from '../local-time';

/** Untouched parts stay instants, never text: a local time read back is ambiguous in the hour DST repeats. */
export interface PeriodChoice {
  /** A typed start (datetime-local); null: where the person's work on the incident began. */
  readonly fromTyped: string | null;
  /** Up to now, including entries a clock ahead of this one dated later; else up to `toTyped`. */
  readonly upToNow: boolean;
  readonly toTyped: string;
}

export type PeriodErrors = Partial<Record<'from' | 'to', string>>;

/**
 * Epoch ms of a complete datetime-local value (local time); null for an empty, half-typed or skipped one. A time the
 * clocks showed twice is taken at `pass`: From at its first, To at its second, so the period holds the whole hour.
 */
function localValueMs(value: string, pass: 'first' | 'second'): number | null {
  const reading = readLocalTime(value);
  if (reading.kind === 'valid') return Date.parse(reading.time.utc);
  return reading.kind === 'ambiguous' ? Date.parse(reading[pass].utc) : null;
}

/**
 * [fromMs, toMs): a typed end is where the next period starts, so logs of back-to-back shifts (07:00–19:00,
 * 19:00–07:00) never both hold the entry made at 19:00:30.
 */
export function periodOf(choice: PeriodChoice, person: ActivityPerson | undefined): { fromMs: number; toMs: number } | PeriodErrors {
  const fromMs = choice.fromTyped === null ? (person?.firstAtMs ?? 0) : localValueMs(choice.fromTyped, 'first');
  const toMs = choice.upToNow ? Number.POSITIVE_INFINITY : localValueMs(choice.toTyped, 'second');
  const errors: PeriodErrors = {};
  if (fromMs === null) errors.from = localTimeProblem(choice.fromTyped ?? '', null) ?? 'Enter when the period starts (date and time).';
  if (toMs === null) errors.to = localTimeProblem(choice.toTyped, null) ?? 'Enter when the period ends (date and time), or tick “Up to now”.';
  if (fromMs === null || toMs === null) return errors;
  if (toMs <= fromMs) return { to: 'The period ends before it starts: set “To” to a time after “From”.' };
  return { fromMs, toMs };
}
