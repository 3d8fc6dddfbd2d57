// What the notification service watches per open incident (sent from the database side over IPC), with its schema.
import { z } from 'zod';
import { hlcStampSchema, updateEveryMinutesSchema } from '../incident';
import type { Incident } from '../incident';
import { levelSchema, prioritySchema } from '../priority';
import { statusSchema } from '../status';
import type { TimelineEvent } from '../timeline';
import { lastStakeholderUpdateAt } from './stakeholder-updates';
import { slaTimelineFromEvents } from './timeline-input';

const MAX_CHANGES = 500;

export const slaWatchSchema = z.object({
  id: z.string().min(1).max(100),
  number: z.string().min(1).max(40),
  title: z.string().max(500),
  priority: prioritySchema,
  major: z.boolean(),
  status: statusSchema,
  assignee: z.string().max(200).nullable(),
  /** The incident commander, alerted like the assignee in the "mine" scope. Optional: a page that predates it sends none. */
  commander: z.string().max(200).nullable().optional(),
  /** The SLA policy's id; unknown ids fall back to the default policy. */
  policyId: z.string().max(40),
  createdAtMs: z.number().finite(),
  /** Status changes, first owners and level changes (`to` absent); level changes name both levels, so the priority history is known. */
  changes: z
    .array(
      z.object({
        atMs: z.number(),
        hlc: hlcStampSchema,
        to: statusSchema.nullable().optional(),
        yields: z.literal(true).optional(),
        levels: z.object({ impact: z.tuple([levelSchema, levelSchema]).readonly().optional(), urgency: z.tuple([levelSchema, levelSchema]).readonly().optional() }).optional(),
      }),
    )
    .max(MAX_CHANGES),
  /** Last stakeholder update by a person (outgoing communication), ms; null: none yet. */
  lastUpdateAt: z.number().finite().nullable(),
  /** The incident's own update interval (minutes; 0: none); null: the device default for major incidents. */
  updateEveryMinutes: updateEveryMinutesSchema.nullable().default(null),
});
export type SlaWatch = z.infer<typeof slaWatchSchema>;

/** Builds the watch of an incident from its record and timeline (the renderer calls this after each change). */
export function slaWatchFromIncident(incident: Incident, events: readonly TimelineEvent[], policyId: string): SlaWatch {
  // With the incident's levels: each level change names both, as the service has no incident to read them from.
  const timeline = slaTimelineFromEvents(incident.createdAt, events, incident);
  return {
    id: incident.id,
    number: incident.number,
    // Every alert about a drill says so in its text, so nobody acts on an exercise as if it were real.
    title: incident.exercise === true ? `[Exercise] ${incident.title}`.slice(0, 500) : incident.title,
    priority: incident.priority,
    major: incident.major,
    status: incident.status,
    assignee: incident.assignee,
    commander: incident.commander ?? null,
    policyId,
    createdAtMs: timeline.createdAtMs,
    changes: timeline.changes.slice(-MAX_CHANGES).map((c) => ({
      atMs: c.atMs,
      hlc: c.hlc,
      ...(c.to === undefined ? {} : { to: c.to }),
      ...(c.yields === true ? { yields: true as const } : {}),
      ...(c.levels ? { levels: c.levels } : {}),
    })),
    lastUpdateAt: lastStakeholderUpdateAt(events),
    updateEveryMinutes: incident.updateEveryMinutes ?? null,
  };
}
