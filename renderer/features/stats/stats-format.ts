// Words and numbers for the statistics: counts, compliance shares and median times, never colour alone.
import { compliancePercent, type SlaCompliance } from '../../../shared/domain';
import { formatSlaDuration } from '../incidents/sla-format';

const counts = new Intl.NumberFormat('en');

export function formatCount(value: number): string {
  return counts.format(value);
}

/** "92 %" (whole percent, rounded down so 99.6 % never reads as 100 %), or "—" when nothing was judged. */
export function formatCompliance(compliance: SlaCompliance): string {
  const percent = compliancePercent(compliance);
  return percent === null ? '—' : `${Math.floor(percent)} %`;
}

/** "23 of 25 in time" beside the share, so a small sample is visible as one. */
export function complianceDetail(compliance: SlaCompliance): string {
  const judged = compliance.met + compliance.breached;
  return judged === 0 ? 'none judged yet' : `${formatCount(compliance.met)} of ${formatCount(judged)} in time`;
}

/** "23/25" (met of judged) for dense tables; empty when nothing was judged. */
export function complianceFraction(compliance: SlaCompliance): string {
  const judged = compliance.met + compliance.breached;
  return judged === 0 ? '' : `${formatCount(compliance.met)}/${formatCount(judged)}`;
}

/** A median in SLA time ("1h 5m", "< 1m"), or "—" when nothing was measured. */
export function formatMedian(ms: number | null): string {
  if (ms === null) return '—';
  // "0m" would read as "instantly"; an owner found within the minute is still a measured time.
  return ms < 60_000 ? '< 1m' : formatSlaDuration(ms);
}

export function categoryName(category: string | null): string {
  return category ?? 'Uncategorised';
}
