// What an impact or urgency edit says once saved: the field, the priority it gives, and that priority's resolve target.
import {
  derivePriority,
  PRIORITY_LABELS,
  resolveSlaPolicy,
  targetFor,
  type Impact,
  type Incident,
  type Priority,
  type SlaPolicy,
  type Urgency,
} from '../../../shared/domain';
import { useSlaPolicySet } from '../reference/use-sla-policies';
import { formatSlaDuration } from './sla-format';

export type TriageField = 'Impact' | 'Urgency';

/**
 * "Urgency saved. Priority now P2 High, resolve target 2h." — or "Priority stays P4 Low." when the matrix gives the
 * same priority. The priority comes from derivePriority with its default matrix: the one the repository records with
 * (the renderer configures no other). `policy` undefined (policies not read yet): the priority alone, never a guess.
 */
export function triageSavedText(field: TriageField, impact: Impact, urgency: Urgency, before: Priority, policy?: SlaPolicy): string {
  let priority: Priority;
  try {
    priority = derivePriority(impact, urgency);
  } catch {
    // A level outside 1–3 cannot come from the editor's options; should one ever, the save still says it was saved.
    return `${field} saved.`;
  }
  if (priority === before) return `${field} saved. Priority stays ${PRIORITY_LABELS[priority]}.`;
  const target = policy ? `, resolve target ${formatSlaDuration(targetFor(policy, priority).resolveMinutes * 60_000)}` : '';
  return `${field} saved. Priority now ${PRIORITY_LABELS[priority]}${target}.`;
}

/**
 * The savedText of the Impact and Urgency editors (InlineField): the value is the editor's ("1"–"3"). The policy is
 * the one the incident's clocks run on (resolveSlaPolicy, as the SLA header), once this device's policies are read.
 */
export function useTriageSavedWords(incident: Incident): Record<'impact' | 'urgency', (value: string) => string> {
  const set = useSlaPolicySet();
  const policy = set ? resolveSlaPolicy(incident, set) : undefined;
  return {
    impact: (value) => triageSavedText('Impact', Number(value) as Impact, incident.urgency, incident.priority, policy),
    urgency: (value) => triageSavedText('Urgency', incident.impact, Number(value) as Urgency, incident.priority, policy),
  };
}
