// Incident checklists: steps from `checklist_added` entries, tick state from `checklist_ticked` entries, and the commands writing them.
import type { Author } from './author';
import { CHECKLIST_PHASE_IDS, checklistStepSchema, PHASE_LABELS, type ChecklistPhaseId, type ChecklistStepRecord } from './checklist-schema';
import { eventBase, invalidInput, touchedAt, validated } from './command-kit';
import type { CommandContext, CommandResult } from './commands';
import type { Incident } from './incident';
import type { IncidentTemplate } from './templates';
import { causalOrder, type TimelineEvent } from './timeline';
import type { ZonedTime } from './zoned-time';

export type ChecklistAddedEvent = Extract<TimelineEvent, { kind: 'checklist_added' }>;
export type ChecklistTickedEvent = Extract<TimelineEvent, { kind: 'checklist_ticked' }>;

/** The entry that set a step's current state: who ticked (or unticked) it, and when. */
export interface ChecklistMark {
  ticked: boolean;
  by: Author;
  at: ZonedTime;
  eventId: string;
}

export interface ChecklistItem extends ChecklistStepRecord {
  ticked: boolean;
  /** null: never ticked. */
  mark: ChecklistMark | null;
}

export interface ChecklistPhaseView {
  id: ChecklistPhaseId;
  label: string;
  items: ChecklistItem[];
}

export interface IncidentChecklist {
  /** Phases that hold at least one step, in time order (0–2 h first). */
  phases: ChecklistPhaseView[];
  done: number;
  total: number;
  /** Templates whose checklist was put on the incident. */
  templateIds: string[];
}

export const EMPTY_CHECKLIST: IncidentChecklist = { phases: [], done: 0, total: 0, templateIds: [] };


/**
 * The checklist as the timeline says it is. Entries are replayed in HLC order, whatever order they arrived in:
 * a step keeps its first definition, and its state is that of its latest tick entry (last writer wins per step).
 * Two devices ticking the same step offline both add an entry; after sync every replica holds both and derives
 * the same state, so nothing conflicts. A tick whose step has not arrived yet waits for it (it is kept by step id).
 */
export function deriveChecklist(events: readonly TimelineEvent[]): IncidentChecklist {
  const relevant = events.filter((event) => event.kind === 'checklist_added' || event.kind === 'checklist_ticked');
  if (relevant.length === 0) return EMPTY_CHECKLIST;
  relevant.sort(causalOrder);
  const steps = new Map<string, ChecklistStepRecord>();
  const marks = new Map<string, ChecklistMark>();
  const templateIds = new Set<string>();
  for (const event of relevant) {
    if (event.kind === 'checklist_added') {
      if (event.templateId !== undefined) templateIds.add(event.templateId);
      for (const step of event.steps) if (!steps.has(step.id)) steps.set(step.id, step);
    } else if (event.kind === 'checklist_ticked') {
      marks.set(event.stepId, { ticked: event.ticked, by: event.author, at: event.at, eventId: event.id });
    }
  }
  const byPhase = new Map<ChecklistPhaseId, ChecklistItem[]>(CHECKLIST_PHASE_IDS.map((id) => [id, []]));
  let done = 0;
  for (const step of steps.values()) {
    const mark = marks.get(step.id) ?? null;
    const ticked = mark?.ticked ?? false;
    if (ticked) done += 1;
    byPhase.get(step.phase)!.push({ ...step, ticked, mark });
  }
  const phases = CHECKLIST_PHASE_IDS.flatMap((id) => {
    const items = byPhase.get(id)!;
    return items.length > 0 ? [{ id, label: PHASE_LABELS[id], items }] : [];
  });
  return { phases, done, total: steps.size, templateIds: [...templateIds] };
}

export function findChecklistItem(checklist: IncidentChecklist, stepId: string): ChecklistItem | undefined {
  for (const phase of checklist.phases) {
    const item = phase.items.find((candidate) => candidate.id === stepId);
    if (item) return item;
  }
  return undefined;
}

/** A template's checklist as steps to record; step ids are the template's own, stable across devices. */
export function templateChecklistSteps(template: IncidentTemplate): ChecklistStepRecord[] {
  return template.checklist.flatMap((phase) => phase.steps.map((step) => ({ id: step.id, phase: phase.id, text: step.text })));
}

function readOnly(incident: Incident, what: string): CommandResult | undefined {
  if (incident.status !== 'closed' && incident.status !== 'cancelled') return undefined;
  return { ok: false, error: { code: 'read-only', message: `This incident is ${incident.status}; its checklist can no longer be ${what}.` } };
}

/** Puts a template's checklist on the incident (at capture): one `checklist_added` entry with every step. */
export function attachTemplateChecklist(incident: Incident, template: IncidentTemplate, current: IncidentChecklist, ctx: CommandContext): CommandResult {
  const refused = readOnly(incident, 'changed');
  if (refused) return refused;
  if (current.templateIds.includes(template.id)) {
    return { ok: false, error: { code: 'no-change', message: `The ${template.name} checklist is already on this incident.` } };
  }
  const steps = templateChecklistSteps(template).filter((step) => !findChecklistItem(current, step.id));
  if (steps.length === 0) return { ok: false, error: { code: 'no-change', message: `The ${template.name} template has no checklist steps to add.` } };
  return addedEntry(incident, steps, ctx, template.id);
}

export interface NewChecklistStep {
  phase: ChecklistPhaseId;
  text: string;
}

/** Adds one step by hand to a phase of the incident's checklist. */
export function addChecklistStep(incident: Incident, input: NewChecklistStep, ctx: CommandContext): CommandResult {
  const refused = readOnly(incident, 'changed');
  if (refused) return refused;
  if (!(CHECKLIST_PHASE_IDS as readonly string[]).includes(input.phase)) {
    return { ok: false, error: { code: 'invalid-value', field: 'phase', message: 'Choose the phase: 0–2 h, 2–12 h or 12 h+.' } };
  }
  const text = typeof input.text === 'string' ? input.text.trim() : '';
  if (text === '') return { ok: false, error: { code: 'missing-field', field: 'text', message: 'Write the step first.' } };
  const parsed = checklistStepSchema.safeParse({ id: ctx.newId(), phase: input.phase, text });
  if (!parsed.success) return invalidInput(parsed.error.issues[0]);
  return addedEntry(incident, [parsed.data], ctx);
}

function addedEntry(incident: Incident, steps: ChecklistStepRecord[], ctx: CommandContext, templateId?: string): CommandResult {
  const event: TimelineEvent = { ...eventBase(incident.id, ctx), kind: 'checklist_added', steps, ...(templateId !== undefined ? { templateId } : {}) };
  return validated({ ...incident, updatedAt: touchedAt(incident, ctx) }, event, { incidentId: incident.id, set: {}, event });
}

/** Ticks (`ticked` true) or unticks a step: one `checklist_ticked` entry naming the step, by whoever is at the keyboard. */
export function tickChecklistStep(incident: Incident, current: IncidentChecklist, stepId: string, ticked: boolean, ctx: CommandContext): CommandResult {
  const refused = readOnly(incident, ticked ? 'ticked' : 'unticked');
  if (refused) return refused;
  const item = findChecklistItem(current, stepId);
  if (!item) return { ok: false, error: { code: 'invalid-value', field: 'stepId', message: 'That step is not on this incident’s checklist.' } };
  if (typeof ticked !== 'boolean') return { ok: false, error: { code: 'invalid-value', field: 'ticked', message: 'Say whether the step is done.' } };
  // Someone else (or a sync) may have set the same state a moment ago; a second identical entry would say nothing new.
  if (item.ticked === ticked) {
    return { ok: false, error: { code: 'no-change', field: 'stepId', message: ticked ? 'This step is already ticked.' : 'This step is not ticked.' } };
  }
  const event: TimelineEvent = { ...eventBase(incident.id, ctx), kind: 'checklist_ticked', stepId, ticked, step: item.text };
  return validated({ ...incident, updatedAt: touchedAt(incident, ctx) }, event, { incidentId: incident.id, set: {}, event });
}
