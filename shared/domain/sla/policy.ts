// SLA policies as reference data (zod): per-priority response/resolve targets, calendar, warning thresholds; seed tiers.
import { z } from 'zod';
import type { Priority } from '../priority';
import { businessCalendarSchema } from './calendar';

/** The longest target a policy may set. */
export const MAX_TARGET_MINUTES = 366 * 24 * 60;
const minutes = z.number().int('Targets are whole minutes').min(1, 'A target must be at least one minute').max(MAX_TARGET_MINUTES, 'A target is at most a year');

export const slaTargetSchema = z.object({
  /** Time to own: from recording until someone owns it (first move out of "new" or first assignment). */
  responseMinutes: minutes,
  /** Time to resolve: open time, not counting time on hold. */
  resolveMinutes: minutes,
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

const percent = z
  .number('Warnings are percentages')
  .int('Warnings are whole percentages')
  .min(1, 'A warning is at least 1 %')
  .max(99, 'Warnings must be below 100 % (the breach is always at 100 %)');

export const DEFAULT_WARN_PERCENTS: readonly [number, number] = [50, 75];

/** Policy ids: short, lower-case, stable (incidents and watches name them). */
export const slaPolicyIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Policy ids are 1–40 lower-case letters, digits and dashes');

export const slaPolicySchema = z.object({
  id: slaPolicyIdSchema,
  name: z.string().trim().min(1, 'Name the policy').max(80),
  /** Targets for P1–P4; P5 (planning) falls back to P4's when absent. */
  targets: z.object({
    P1: slaTargetSchema,
    P2: slaTargetSchema,
    P3: slaTargetSchema,
    P4: slaTargetSchema,
    P5: slaTargetSchema.optional(),
  }),
  /** null: the clocks run 24×7. */
  calendar: businessCalendarSchema.nullable(),
  /** First and second warning thresholds in percent of the target; the breach is always at 100 %. */
  warnPercents: z
    .tuple([percent, percent])
    .refine(([first, second]) => first < second, 'The second warning must come after the first')
    .default([50, 75]),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const slaPoliciesSchema = z
  .array(slaPolicySchema)
  .min(1)
  .max(100)
  .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'Policy ids must be unique');

const t = (responseMinutes: number, resolveHours: number): SlaTarget => ({ responseMinutes, resolveMinutes: resolveHours * 60 });

/** iTop's sample tiers from DOMAIN.md, 24×7. */
export const SEED_SLA_POLICIES: readonly SlaPolicy[] = [
  { id: 'gold', name: 'Gold', targets: { P1: t(15, 1), P2: t(30, 2), P3: t(60, 4), P4: t(120, 8) }, calendar: null, warnPercents: [50, 75] },
  { id: 'silver', name: 'Silver', targets: { P1: t(30, 2), P2: t(60, 4), P3: t(120, 8), P4: t(240, 16) }, calendar: null, warnPercents: [50, 75] },
  { id: 'bronze', name: 'Bronze', targets: { P1: t(60, 4), P2: t(120, 8), P3: t(240, 16), P4: t(480, 32) }, calendar: null, warnPercents: [50, 75] },
];

/** The target of a priority under a policy (P5 falls back to P4). */
export function targetFor(policy: SlaPolicy, priority: Priority): SlaTarget {
  switch (priority) {
    case 1:
      return policy.targets.P1;
    case 2:
      return policy.targets.P2;
    case 3:
      return policy.targets.P3;
    case 4:
      return policy.targets.P4;
    default:
      return policy.targets.P5 ?? policy.targets.P4;
  }
}
