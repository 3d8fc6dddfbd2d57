// Checklist writes (a template's checklist, a step added by hand, a tick or untick): each one transaction via commitChange.
import {
  addChecklistStep,
  attachTemplateChecklist,
  deriveChecklist,
  findTemplate,
  tickChecklistStep,
  type CommandResult,
  type Incident,
  type IncidentChecklist,
  type NewChecklistStep,
  type TimelineEvent,
} from '../../shared/domain';
import { systemClock, type Clock } from './clock';
import { commitChange, type CommandScope, type PlannedCommand } from './commit-change';
import type { LanternDb } from './database';
import { fromIncidentRow } from './incident-row';
import { getTimeline } from './queries';
import type { RepoResult } from './repo-result';

export interface ChecklistRepository {
  /** Ticks (`ticked` true) or unticks a step; the timeline entry names the step and the person. */
  tick(incidentId: string, stepId: string, ticked: boolean): Promise<RepoResult<TimelineEvent>>;
  /** Adds one step by hand to a phase. */
  addStep(incidentId: string, step: NewChecklistStep): Promise<RepoResult<TimelineEvent>>;
  /** Puts a template's checklist on an incident that does not have it yet. */
  attachTemplate(incidentId: string, templateId: string): Promise<RepoResult<TimelineEvent>>;
}

export function createChecklistRepository(db: LanternDb, clock: Clock = systemClock): ChecklistRepository {
  const eventOf = async (command: PlannedCommand): Promise<RepoResult<TimelineEvent>> => {
    const result = await commitChange(db, clock, command);
    return result.ok ? { ok: true, value: result.value.event } : result;
  };
  return {
    tick: (incidentId, stepId, ticked) =>
      eventOf(withChecklist(db, incidentId, (incident, checklist, { ctx }) => tickChecklistStep(incident, checklist, stepId, ticked, ctx))),
    addStep: (incidentId, step) => eventOf(withChecklist(db, incidentId, (incident, _checklist, { ctx }) => addChecklistStep(incident, step, ctx))),
    attachTemplate: (incidentId, templateId) => eventOf(planAttachTemplate(db, incidentId, templateId)),
  };
}

/** The command that puts template `templateId`'s checklist on the incident; capture runs it in its own transaction. */
export function planAttachTemplate(db: LanternDb, incidentId: string, templateId: string): PlannedCommand {
  return withChecklist(db, incidentId, (incident, checklist, { ctx }) => {
    const template = findTemplate(templateId);
    if (!template) return { ok: false, error: { code: 'invalid-value', field: 'templateId', message: 'That template does not exist (any more).' } };
    return attachTemplateChecklist(incident, template, checklist, ctx);
  });
}

/**
 * Reads the incident and derives its checklist inside the write transaction, so a tick is decided on the
 * state it changes (one indexed range read of the incident's timeline).
 */
function withChecklist(db: LanternDb, incidentId: string, run: (incident: Incident, checklist: IncidentChecklist, scope: CommandScope) => CommandResult): PlannedCommand {
  return async (scope) => {
    const [row, events] = await Promise.all([db.incidents.get(incidentId), getTimeline(db, incidentId)]);
    if (!row) return { ok: false, error: { code: 'not-found', message: 'This incident is not on this computer.' } };
    return run(fromIncidentRow(row), deriveChecklist(events), scope);
  };
}
