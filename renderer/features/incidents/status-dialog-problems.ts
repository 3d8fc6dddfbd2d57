// Every field a status change still misses, found at once: the lifecycle check names one field at a time.
import { checkTransition, DEFAULT_TRANSITION_REFERENCE as REF, type Status, type TransitionField, type TransitionInput } from '../../../shared/domain';

/** A value that settles each field for the probe only (never saved), so the next check names the next field. */
const SETTLED: Record<TransitionField, TransitionInput> = {
  assignment: { team: 'probe' },
  holdReason: { holdReason: REF.holdReasons[0] ?? '' },
  resolutionCode: { resolutionCode: REF.resolutionCodes[0] ?? '' },
  resolutionNotes: { resolutionNotes: 'probe' },
  cancelReason: { cancelReason: 'probe' },
  reopenReason: { reopenReason: 'probe' },
};

/**
 * The blank required fields of `input` for the step `from` → `to`, each with the lifecycle's own message. Only blanks:
 * whether a chosen value is known (a list edited on this computer) is left for the save itself to judge.
 */
export function missingFields(from: Status, to: Status, input: TransitionInput): Partial<Record<TransitionField, string>> {
  const missing: Partial<Record<TransitionField, string>> = {};
  const seen = new Set<TransitionField>();
  let probe = { ...input };
  for (;;) {
    const check = checkTransition(from, to, probe);
    const field = check.ok ? undefined : check.error.field;
    if (check.ok || field === undefined || seen.has(field)) return missing;
    seen.add(field);
    if (check.error.code === 'missing-field') missing[field] = check.error.message;
    probe = { ...probe, ...SETTLED[field] };
  }
}
