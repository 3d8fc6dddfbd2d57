// The one notice shown instead of many when a burst of alerts falls due together.
import type { Alert, AlertCategory, NativeNotice } from './types';

const CATEGORY_WORDS: Record<AlertCategory, string> = {
  sla: 'SLA alerts',
  assignment: 'assignments',
  escalation: 'escalations',
  sync: 'sync problems',
  conflict: 'conflicts',
  reminder: 'update reminders',
};

/** Counts per category, biggest first; points at the incident only when all alerts are about the same one. */
export function digestNotice(alerts: readonly Alert[]): NativeNotice {
  const counts = new Map<AlertCategory, number>();
  for (const alert of alerts) counts.set(alert.category, (counts.get(alert.category) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([category, count]) => `${count} ${CATEGORY_WORDS[category]}`);
  const incidents = new Set(alerts.map((a) => a.incidentId));
  return {
    title: `${alerts.length} updates in Lantern`,
    // The top-bar button reads "Notifications" (there is no bell), so that is the word to look for.
    body: `${parts.join(', ')}. Open Lantern and choose Notifications at the top to see them all.`,
    incidentId: incidents.size === 1 ? [...incidents][0]! : null,
    urgency: alerts.some((a) => a.urgency === 'critical') ? 'critical' : 'normal',
  };
}
