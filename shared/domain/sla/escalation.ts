// Escalation rules as data, and the automatic escalations due for an incident (deterministic ids, made once).
import { z } from 'zod';
import { SYSTEM_AUTHOR } from '../author';
import type { CommandContext, CommandResult } from '../commands';
import { editIncident } from '../commands';
import type { Incident } from '../incident';
import { LIMITS } from '../limits';
import { PRIORITY_LABELS, prioritySchema, type Priority } from '../priority';
import { ESCALATION_LEVELS, type TimelineEvent } from '../timeline';
import { escalateIncident, logCommunication } from '../work-commands';
import type { ZonedTime } from '../zoned-time';
import { computeIncidentSla, SLA_THRESHOLDS, type SlaClock, type SlaClocks } from './clock';
import { deterministicUuidV7 } from './deterministic-id';
import type { SlaPolicy } from './policy';
import { slaTimelineFromEvents } from './timeline-input';

const name = z.string().trim().min(1).max(120);

export const escalationActionSchema = z.discriminatedUnion('kind', [
  /** Functional (to a team) or hierarchical (to a manager level). */
  z.object({ kind: z.literal('escalate'), level: z.enum(ESCALATION_LEVELS), target: name }),
  /** One step up: urgency first, then impact. */
  z.object({ kind: z.literal('raise_priority') }),
  /**
   * An alert for a role, kept on the timeline (stored as an outgoing communication from Lantern on the
   * AUTOMATIC_ALERT_CHANNEL, and shown as what it is: see automaticAlertText). Nothing is sent to anyone.
   */
  z.object({ kind: z.literal('notify_role'), role: name }),
]);
export type EscalationAction = z.infer<typeof escalationActionSchema>;

export const escalationRuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'Rule ids are lower-case letters, digits and dashes'),
  clock: z.enum(['response', 'resolve']),
  at: z.enum(['warn50', 'warn75', 'breached']),
  /** Only for these priorities; all when absent. */
  priorities: z.array(prioritySchema).min(1).optional(),
  /** Only for major incidents. */
  majorOnly: z.boolean().default(false),
  action: escalationActionSchema,
});
export type EscalationRule = z.infer<typeof escalationRuleSchema>;

export const escalationRulesSchema = z
  .array(escalationRuleSchema)
  .max(100)
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, 'Rule ids must be unique');

export const SEED_ESCALATION_RULES: readonly EscalationRule[] = [
  { id: 'response-breach-team-lead', clock: 'response', at: 'breached', majorOnly: false, action: { kind: 'escalate', level: 'hierarchical', target: 'Team lead' } },
  { id: 'resolve-breach-duty-manager', clock: 'resolve', at: 'breached', majorOnly: false, action: { kind: 'escalate', level: 'hierarchical', target: 'Duty manager' } },
  { id: 'p1-resolve-warn75-commander', clock: 'resolve', at: 'warn75', priorities: [1], majorOnly: false, action: { kind: 'notify_role', role: 'Incident commander' } },
];

/** An automatic escalation to make now: the plan, with its deterministic event id. */
export interface DueEscalation {
  readonly id: string;
  readonly incidentId: string;
  readonly rule: EscalationRule;
  readonly clock: SlaClock;
  readonly reason: string;
}

function actionTarget(action: EscalationAction): string {
  switch (action.kind) {
    case 'escalate':
      return `${action.level}:${action.target}`;
    case 'raise_priority':
      return 'priority';
    case 'notify_role':
      return `role:${action.role}`;
  }
}

/** The id every device gives the escalation of `incident` by `rule`: same inputs, same id, so sync keeps one. */
export function escalationEventId(incident: Pick<Incident, 'id' | 'createdAt'>, rule: EscalationRule): string {
  return deterministicUuidV7(Date.parse(incident.createdAt), ['lantern-escalation', incident.id, rule.id, actionTarget(rule.action)]);
}

/** What a notify_role rule's record says it did: it records an alert; nothing is escalated or sent (see automaticAlertText). */
const ALERT_RECORDED = 'Recorded automatically by rule';
const ESCALATED = 'Escalated automatically by rule';

function describe(rule: EscalationRule, clock: SlaClock, policy: SlaPolicy, priorityNow: Priority): string {
  const what = rule.clock === 'response' ? 'Time to own' : 'Time to resolve';
  // A breach stays judged by the target of the priority it breached under: quoting that target beside another
  // priority (the record says "P3 Moderate: …") would misstate it, so the priority it belongs to is named.
  const under = clock.breach !== undefined && clock.breach.priority !== priorityNow ? ` as P${clock.breach.priority}` : '';
  const reached = rule.at === 'breached' ? `breached${under}` : `at ${Math.floor(clock.percent)} % of its target${under}`;
  const done = rule.action.kind === 'notify_role' ? ALERT_RECORDED : ESCALATED;
  return `${what} ${reached} (${policy.name}, ${Math.round(clock.targetMs / 60_000)} min target). ${done} "${rule.id}".`;
}

/** The channel of a notify_role record: with Lantern as author, it marks the entry as an automatic alert. */
export const AUTOMATIC_ALERT_CHANNEL = 'Lantern notification';

/**
 * Whom a notify_role record names. The incident commander is the one role the incident itself names: the record says
 * who that was at the time, or that nobody was named yet, so it never reads as if a person had been told.
 */
function alertRecipient(incident: Incident, role: string): string {
  if (role.trim().toLowerCase() !== 'incident commander') return role;
  const commander = incident.commander?.trim();
  const named = commander ? commander : 'none named yet';
  const text = `${role} (${named})`;
  return text.length <= LIMITS.shortText ? text : `${text.slice(0, LIMITS.shortText - 2)}…)`;
}

/** The plain text of an automatic alert record (a notify_role rule's timeline entry), for the timeline and the briefing. */
export interface AutomaticAlertText {
  readonly head: string;
  readonly message: string;
}

/**
 * An automatic alert as it reads wherever it is shown; null for every other entry. Every version so far stores it as
 * an outgoing communication "from Lantern (automatic)" on this channel, and versions before this one worded its rule
 * as an escalation: both are read here, when shown, so entries already stored and synced (and those written by
 * laptops not yet updated) read as the fact they record: an alert kept in Lantern, no message sent.
 */
export function automaticAlertText(event: TimelineEvent): AutomaticAlertText | null {
  if (event.kind !== 'communication' || event.direction !== 'outgoing' || event.channel !== AUTOMATIC_ALERT_CHANNEL) return null;
  if (event.author.name !== SYSTEM_AUTHOR.name || event.from !== SYSTEM_AUTHOR.name) return null;
  return {
    head: `Automatic alert for ${event.to} · Recorded in Lantern only; no message was sent`,
    message: event.message.replace(`${ESCALATED} "`, `${ALERT_RECORDED} "`),
  };
}

function applies(incident: Incident, rule: EscalationRule): boolean {
  if (rule.majorOnly && !incident.major) return false;
  if (rule.priorities && !rule.priorities.includes(incident.priority)) return false;
  const action = rule.action;
  if (action.kind === 'escalate' && action.level === 'functional' && incident.team === action.target) return false;
  if (action.kind === 'raise_priority' && incident.urgency === 1 && incident.impact === 1) return false;
  return true;
}

/**
 * Escalations due at `nowMs` that are not on the timeline yet. Only open incidents, and only clocks still running
 * or paused: a clock that stopped (owned, resolved) after a breach no one saw does not escalate after the fact.
 */
export function dueEscalations(
  incident: Incident,
  events: readonly TimelineEvent[],
  policy: SlaPolicy,
  rules: readonly EscalationRule[],
  nowMs: number,
  clocks: SlaClocks = computeIncidentSla(slaTimelineFromEvents(incident.createdAt, events), incident, policy, nowMs),
): DueEscalation[] {
  const due: DueEscalation[] = [];
  for (const { rule, clock, id } of unwrittenRules(incident, events, rules, clocks)) {
    if (SLA_THRESHOLDS.indexOf(clock.threshold) < SLA_THRESHOLDS.indexOf(rule.at)) continue;
    due.push({ id, incidentId: incident.id, rule, clock, reason: describe(rule, clock, policy, incident.priority) });
  }
  return due;
}

/**
 * The rules that could still escalate this incident: it is open, the rule's clock has not stopped, the rule applies
 * and its escalation is not on the timeline yet. Whether the threshold is reached is the caller's question.
 */
function unwrittenRules(incident: Incident, events: readonly TimelineEvent[], rules: readonly EscalationRule[], clocks: SlaClocks): { rule: EscalationRule; clock: SlaClock; id: string }[] {
  if (incident.status === 'resolved' || incident.status === 'closed' || incident.status === 'cancelled') return [];
  const open: { rule: EscalationRule; clock: SlaClock; id: string }[] = [];
  let present: Set<string> | null = null;
  for (const rule of rules) {
    const clock = clocks[rule.clock];
    if (clock.state === 'stopped' || !applies(incident, rule)) continue;
    const id = escalationEventId(incident, rule);
    present ??= new Set(events.map((event) => event.id));
    if (!present.has(id)) open.push({ rule, clock, id });
  }
  return open;
}

/** The percent of its target at which a clock reaches a rule's threshold under this policy (breached: 100). */
export function thresholdPercent(at: EscalationRule['at'], policy: SlaPolicy): number {
  return at === 'breached' ? 100 : at === 'warn75' ? policy.warnPercents[1] : policy.warnPercents[0];
}

/**
 * The earliest instant at which `dueEscalations` could return more than it does at `nowMs` for this incident and
 * timeline (Infinity: never, unless the incident or its timeline changes). A lower bound: an SLA clock's elapsed time
 * grows no faster than wall time (pauses and calendars only subtract), and stopped or paused states, the rules that
 * apply and the escalations already written depend on the incident and its timeline, not on the time. Escalations due
 * at `nowMs` itself give `nowMs`.
 */
export function nextEscalationCheckAt(
  incident: Incident,
  events: readonly TimelineEvent[],
  policy: SlaPolicy,
  rules: readonly EscalationRule[],
  nowMs: number,
  clocks: SlaClocks = computeIncidentSla(slaTimelineFromEvents(incident.createdAt, events), incident, policy, nowMs),
): number {
  let next = Number.POSITIVE_INFINITY;
  for (const { rule, clock } of unwrittenRules(incident, events, rules, clocks)) {
    const percent = thresholdPercent(rule.at, policy);
    // Reached when elapsed × 100 ≥ target × percent; rounded down so rounding never makes the bound late.
    const left = Math.floor((clock.targetMs * percent) / 100 - clock.elapsedMs) - 1;
    next = Math.min(next, left > 0 ? nowMs + left : nowMs);
  }
  return next;
}

/** What the caller supplies to write a due escalation: this device, its clock and a fresh HLC stamp. */
export interface EscalationContext {
  readonly deviceId: string;
  readonly now: ZonedTime;
  readonly hlc: string;
}

/**
 * Turns a due escalation into the usual command outcome (incident change + timeline event + sync change), authored
 * by Lantern (automatic) with the deterministic id. Apply outcomes one by one, each with a fresh HLC stamp.
 */
export function applyEscalation(incident: Incident, due: DueEscalation, context: EscalationContext): CommandResult {
  const ctx: CommandContext = { deviceId: context.deviceId, now: context.now, hlc: context.hlc, author: SYSTEM_AUTHOR, newId: () => due.id };
  const action = due.rule.action;
  switch (action.kind) {
    case 'escalate':
      return escalateIncident(incident, { level: action.level, target: action.target, reason: due.reason }, ctx, { teams: [action.target], managerLevels: [action.target] });
    case 'raise_priority':
      return incident.urgency > 1
        ? editIncident(incident, { urgency: (incident.urgency - 1) as 1 | 2 }, ctx)
        : editIncident(incident, { impact: Math.max(1, incident.impact - 1) as 1 | 2 }, ctx);
    case 'notify_role':
      return logCommunication(
        incident,
        { direction: 'outgoing', from: SYSTEM_AUTHOR.name, to: alertRecipient(incident, action.role), channel: AUTOMATIC_ALERT_CHANNEL, message: `${PRIORITY_LABELS[incident.priority]}: ${due.reason}` },
        ctx,
      );
  }
}
