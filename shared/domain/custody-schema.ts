// Evidence chain-of-custody vocabulary: an item, what was done with it, by whom, when (with time zone) and where it is kept.
import { z } from 'zod';
import { SHA256_HEX_PATTERN } from './attachment';
import { LIMITS } from './limits';
import { zonedTimeSchema } from './zoned-time';

/** Collected starts an item's chain; returned and disposed end it. */
export const CUSTODY_ACTIONS = ['collected', 'transferred', 'stored', 'examined', 'returned', 'disposed'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

export const CUSTODY_ACTION_LABELS: Record<CustodyAction, string> = {
  collected: 'Collected',
  transferred: 'Handed over',
  stored: 'Stored',
  examined: 'Examined',
  returned: 'Returned to owner',
  disposed: 'Disposed of',
};

/** Actions after which nothing more happens to the item. */
export const FINAL_CUSTODY_ACTIONS: readonly CustodyAction[] = ['returned', 'disposed'];

const optionalShort = (label: string) => z.string().trim().max(LIMITS.shortText, `${label} is limited to ${LIMITS.shortText} characters`);

/** One custody entry's own fields (the entry's author and recording time come with every timeline entry). */
export const custodyFieldsSchema = z.object({
  /** The item's id: the id of the entry that collected it, so every device names the item alike. */
  itemId: z.string().min(1).max(100),
  /** What the item is ("Laptop, serial 5CG1234", "USB stick found at reception"). */
  item: z.string().trim().min(1, 'Describe the item').max(LIMITS.shortText, `An item's description is limited to ${LIMITS.shortText} characters`),
  action: z.enum(CUSTODY_ACTIONS),
  /** Who handed it over ('' when nobody did, e.g. found at the scene). */
  from: optionalShort('Who handed it over'),
  /** Who holds it now ('' when it went into storage or left custody). */
  to: optionalShort('Who holds it'),
  /** Where it is kept now ("Evidence locker 2, IT office"). */
  location: optionalShort('Where it is kept'),
  /** When it happened, which may be earlier than when it was written down. */
  handledAt: zonedTimeSchema,
  /** A file on the incident that shows or is the item (its SHA-256 taken at capture). */
  sha256: z.string().regex(SHA256_HEX_PATTERN, 'Expected a SHA-256 hex digest').optional(),
  notes: z.string().trim().max(LIMITS.note, `Notes are limited to ${LIMITS.note.toLocaleString('en')} characters`),
});
export type CustodyFields = z.infer<typeof custodyFieldsSchema>;
