// Facility system status vocabulary (HICS 251): each critical system's state, with reason and repair estimate.
import { z } from 'zod';

/** HICS 251's four states of a critical system. */
export const SYSTEM_STATES = ['functional', 'partial', 'non_functional', 'not_applicable'] as const;
export type SystemState = (typeof SYSTEM_STATES)[number];

export const SYSTEM_STATE_LABELS: Record<SystemState, string> = {
  functional: 'Fully functional',
  partial: 'Partially functional',
  non_functional: 'Non-functional',
  not_applicable: 'N/A',
};

export const SYSTEM_NAME_MAX = 120;
export const SYSTEM_REASON_MAX = 1_000;
export const SYSTEM_ESTIMATE_MAX = 200;
/** HICS 251 lists about 40 systems; the bound keeps one snapshot (and its sync operation) small. */
export const SYSTEMS_PER_SNAPSHOT_MAX = 60;

/** One system's line in a snapshot; reason and repair estimate may be '' (the command asks for a reason when it is not fully functional). */
export const systemStatusLineSchema = z.object({
  system: z.string().trim().min(1, 'Name the system').max(SYSTEM_NAME_MAX, `A system's name is limited to ${SYSTEM_NAME_MAX} characters`),
  state: z.enum(SYSTEM_STATES),
  reason: z.string().trim().max(SYSTEM_REASON_MAX, `A reason is limited to ${SYSTEM_REASON_MAX.toLocaleString('en')} characters`),
  /** Free text: "2 h", "tomorrow 08:00", "unknown — parts on order". */
  repairEstimate: z.string().trim().max(SYSTEM_ESTIMATE_MAX, `A repair estimate is limited to ${SYSTEM_ESTIMATE_MAX} characters`),
});
export type SystemStatusLine = z.infer<typeof systemStatusLineSchema>;

/** The same system named twice in one snapshot would leave its state ambiguous. */
export const systemStatusLinesSchema = z
  .array(systemStatusLineSchema)
  .min(1, 'Give the state of at least one system')
  .max(SYSTEMS_PER_SNAPSHOT_MAX, `A snapshot holds at most ${SYSTEMS_PER_SNAPSHOT_MAX} systems`)
  .refine((lines) => new Set(lines.map((line) => systemKey(line.system))).size === lines.length, 'Each system may appear once in a snapshot');

/** Systems are matched across snapshots by name, ignoring case and surrounding space. */
export function systemKey(name: string): string {
  return name.trim().toLowerCase();
}

/** HICS 251's critical systems for a hospital or plant; a snapshot may add others. */
export const DEFAULT_CRITICAL_SYSTEMS: readonly string[] = [
  'Normal power',
  'Emergency power (generator)',
  'Fuel supply',
  'Water',
  'Sewer',
  'Heating',
  'Ventilation and air conditioning',
  'Medical gases',
  'Medical vacuum',
  'Elevators',
  'Fire alarm',
  'Fire sprinklers',
  'Telephones',
  'Data network',
  'Nurse call',
  'Security and access control',
];
