// Pure planning: which alerts an incident (SLA thresholds, update reminders) or a reported activity needs, and when.
import { computeIncidentSla, intervalText, OPEN_STATUSES, PRIORITY_LABELS, stakeholderUpdateCadence, type SlaClock, type SlaThreshold } from '../domain';
import { samePerson, type NotificationSettings } from './settings';
import type { Activity, Alert, AlertUrgency, IncidentWatch, SilenceWording } from './types';
import { findItText } from './wording';

const MIN = 60_000;
const LEVELS: readonly SlaThreshold[] = ['none', 'warn50', 'warn75', 'breached'];
const CLOCK_LABEL = { response: 'Time to own', resolve: 'Time to resolve' } as const;

function findIt(watch: Pick<IncidentWatch, 'number'>): string {
  return findItText(watch.number);
}

/** "1 h 7 min": whole minutes elapsed, at least 1 (a notice a few seconds early must not say "0 min"). */
function elapsedText(ms: number): string {
  return intervalText(Math.max(1, Math.floor(ms / MIN)));
}

function silenceText(silence: SilenceWording, atMs: number): string {
  return `${silence.before}${elapsedText(atMs - silence.sinceMs)}${silence.after}`;
}

/** The alert as worded when it is shown at `nowMs`: a reminder states the silence up to that moment, not up to its due time. */
export function wordedAt(alert: Alert, nowMs: number): Alert {
  return alert.silence ? { ...alert, body: silenceText(alert.silence, nowMs) } : alert;
}

/** Stable key of one SLA threshold; the target is part of it, so a priority change may warn again. */
export function slaAlertKey(incidentId: string, clock: 'response' | 'resolve', threshold: SlaThreshold, targetMs: number): string {
  return `sla:${incidentId}:${clock}:${threshold}:${targetMs}`;
}

function slaAlert(watch: IncidentWatch, clockName: 'response' | 'resolve', clock: SlaClock, threshold: SlaThreshold, dueAt: number): Alert {
  const breached = threshold === 'breached';
  const percent = threshold === 'warn50' ? watch.policy.warnPercents[0] : watch.policy.warnPercents[1];
  const urgency: AlertUrgency = breached || watch.priority === 1 || watch.major ? 'critical' : 'normal';
  return {
    key: slaAlertKey(watch.id, clockName, threshold, clock.targetMs),
    category: 'sla',
    incidentId: watch.id,
    dueAt,
    title: breached ? `${CLOCK_LABEL[clockName]} breached: ${watch.number}` : `${CLOCK_LABEL[clockName]} at ${percent} %: ${watch.number}`,
    body: `${PRIORITY_LABELS[watch.priority]} · ${watch.title}. ${findIt(watch)}`,
    urgency,
    priority: watch.priority,
    major: watch.major,
  };
}

/**
 * Alerts for one incident: per clock, the threshold reached now (if not shown yet; lower ones it supersedes are
 * skipped) and the next one ahead; plus the next "update due" reminder (the incident's own interval, or the default for major incidents).
 */
export function planIncident(watch: IncidentWatch, nowMs: number, shown: ReadonlySet<string>, settings: NotificationSettings, user: string | null): Alert[] {
  if (!OPEN_STATUSES.includes(watch.status)) return [];
  const alerts: Alert[] = [];
  // The commander answers for a major incident's response as the assignee does for the work: both hear of its SLA.
  const inScope = settings.slaScope === 'all' || watch.assignee === null || samePerson(watch.assignee, user) || samePerson(watch.commander, user);
  if (inScope) {
    // No levels: the watch's level changes name both levels (slaWatchFromIncident), so the history needs none.
    const clocks = computeIncidentSla(watch.sla, { priority: watch.priority }, watch.policy, nowMs);
    for (const name of ['response', 'resolve'] as const) {
      const clock = clocks[name];
      if (clock.state === 'stopped') continue;
      if (clock.threshold !== 'none' && !shown.has(slaAlertKey(watch.id, name, clock.threshold, clock.targetMs))) {
        alerts.push(slaAlert(watch, name, clock, clock.threshold, nowMs));
      }
      const next = LEVELS[LEVELS.indexOf(clock.threshold) + 1];
      if (clock.nextThresholdAt !== null && next !== undefined) alerts.push(slaAlert(watch, name, clock, next, clock.nextThresholdAt));
    }
  }
  const reminder = nextReminder(watch, nowMs, shown, settings);
  if (reminder) alerts.push(reminder);
  return alerts;
}

function nextReminder(watch: IncidentWatch, nowMs: number, shown: ReadonlySet<string>, settings: NotificationSettings): Alert | null {
  const { everyMinutes } = stakeholderUpdateCadence(watch, settings.majorUpdateEveryMinutes);
  if (everyMinutes === null) return null;
  const every = everyMinutes * MIN;
  const since = watch.lastUpdateAt ?? watch.sla.createdAtMs;
  // Reminders fall due at since + k × every. The latest one already due is shown once (older ones are
  // superseded by it); once shown, the next one ahead is planned.
  const passed = Math.max(0, Math.floor((nowMs - since) / every));
  const step = passed >= 1 && !shown.has(reminderKey(watch.id, since + passed * every)) ? passed : passed + 1;
  const dueAt = since + step * every;
  const kind = watch.major ? 'the major incident' : 'the incident';
  // The real silence (since the last update, or since the incident was recorded when there was none), not the
  // interval: worded here for the due time, and again by the scheduler for the moment it is actually shown.
  const subject = `No update to stakeholders on ${kind} "${watch.title}"`;
  const silence: SilenceWording =
    watch.lastUpdateAt === null
      ? { sinceMs: since, before: `${subject} yet; it was recorded `, after: ` ago. ${findIt(watch)}` }
      : { sinceMs: since, before: `${subject} for `, after: `. ${findIt(watch)}` };
  return {
    key: reminderKey(watch.id, dueAt),
    category: 'reminder',
    incidentId: watch.id,
    dueAt,
    title: `Stakeholder update due: ${watch.number}`,
    body: silenceText(silence, dueAt),
    urgency: 'normal',
    priority: watch.priority,
    major: watch.major,
    silence,
  };
}

function reminderKey(incidentId: string, dueAt: number): string {
  return `reminder:${incidentId}:${dueAt}`;
}

/** Immediate alerts for reported activities, without the person's own actions and others' assignments. */
export function planActivities(activities: readonly Activity[], user: string | null, dueAt: number): Alert[] {
  const alerts: Alert[] = [];
  for (const activity of activities) {
    if (activity.actor !== null && samePerson(activity.actor, user)) continue;
    if (activity.kind === 'assignment' && !samePerson(activity.assignee, user)) continue;
    const where = activity.incidentLabel ? ` ${findItText(activity.incidentLabel.split(' ')[0]!)}` : '';
    alerts.push({
      key: `${activity.kind}:${activity.id}`,
      category: activity.kind,
      incidentId: activity.incidentId,
      dueAt,
      title: TITLES[activity.kind] + (activity.incidentLabel ? `: ${activity.incidentLabel}` : ''),
      body: `${activity.text}${where}`,
      urgency: activity.kind === 'sync' || activity.priority === 1 || activity.major ? 'critical' : 'normal',
      priority: activity.priority,
      major: activity.major,
    });
  }
  return alerts;
}

const TITLES: Record<Activity['kind'], string> = {
  assignment: 'Assigned to you',
  escalation: 'Escalated',
  sync: 'Sync needs you',
  conflict: 'Conflicting edits',
};
