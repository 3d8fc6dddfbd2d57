// Checklist vocabulary for timeline entries: time phases (HICS response-guide style) and the shape of one step.
import { z } from 'zod';

/** HICS response guides split actions by time since onset: immediate, intermediate, extended. */
export const CHECKLIST_PHASE_IDS = ['immediate', 'intermediate', 'extended'] as const;
export type ChecklistPhaseId = (typeof CHECKLIST_PHASE_IDS)[number];

export const PHASE_LABELS: Record<ChecklistPhaseId, string> = { immediate: '0–2 h', intermediate: '2–12 h', extended: '12 h+' };

export const CHECKLIST_STEP_TEXT_MAX = 300;
/** A template brings at most a few dozen steps; the bound keeps one entry (and one operation) small. */
export const CHECKLIST_STEPS_PER_ENTRY_MAX = 60;

/** One step as recorded on the incident: its id is unique within the incident, so ticks on any device name it. */
export const checklistStepSchema = z.object({
  id: z.string().trim().min(1).max(100),
  phase: z.enum(CHECKLIST_PHASE_IDS),
  text: z
    .string()
    .trim()
    .min(1, 'Write the step first')
    .max(CHECKLIST_STEP_TEXT_MAX, `A step is limited to ${CHECKLIST_STEP_TEXT_MAX} characters`),
});
export type ChecklistStepRecord = z.infer<typeof checklistStepSchema>;
