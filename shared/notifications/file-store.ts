// Keeps the scheduler's state (pending alerts, shown keys, centre) in one JSON file, validated on load.
import { z } from 'zod';
import { ALERT_CATEGORIES, notificationCentreEntrySchema } from '../domain';
import type { SchedulerChanges, SchedulerState, SchedulerStore } from './types';

/** Reads and writes whole text files (atomic write-then-rename in production; a Map in tests). */
export interface TextPersistence {
  read(): Promise<string | null>;
  write(contents: string): Promise<void>;
}

export const alertSchema = z.object({
  key: z.string().max(300),
  category: z.enum(ALERT_CATEGORIES),
  incidentId: z.string().max(100).nullable(),
  dueAt: z.number(),
  title: z.string().max(500),
  body: z.string().max(2000),
  urgency: z.enum(['low', 'normal', 'critical']),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).nullable(),
  major: z.boolean(),
  silence: z.object({ sinceMs: z.number(), before: z.string().max(2000), after: z.string().max(2000) }).optional(),
});

export const schedulerStateSchema = z.object({
  version: z.literal(1),
  scheduled: z.array(alertSchema),
  shownKeys: z.array(z.string().max(300)),
  centre: z.array(notificationCentreEntrySchema),
});

/**
 * A damaged or foreign file is reported through onProblem and treated as empty, so notifications keep working;
 * the next save replaces it.
 */
export function fileSchedulerStore(persistence: TextPersistence, onProblem: (message: string) => void = () => undefined): SchedulerStore {
  return {
    async load() {
      const text = await persistence.read();
      if (text === null) return null;
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        onProblem('The notification state file is not valid JSON; starting with an empty schedule.');
        return null;
      }
      const parsed = schedulerStateSchema.safeParse(data);
      if (!parsed.success) {
        onProblem(`The notification state file is damaged (${parsed.error.issues[0]?.message ?? 'unknown'}); starting with an empty schedule.`);
        return null;
      }
      return { scheduled: parsed.data.scheduled, shownKeys: parsed.data.shownKeys, centre: parsed.data.centre };
    },
    // One file, rewritten whole (atomically) with the state at write time: the scheduler already batches its saves.
    async save(_changes: SchedulerChanges, full: () => SchedulerState) {
      await persistence.write(JSON.stringify({ version: 1, ...full() }));
    },
  };
}
