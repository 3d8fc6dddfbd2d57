// The fields of a HICS 213 reply entry: the answer that came back to a logged communication, who gave it and when.
import { z } from 'zod';
import { uuidV7Schema } from './incident';
import { LIMITS } from './limits';
import { zonedTimeSchema } from './zoned-time';

/** One reply's own fields (its author and recording time come with every timeline entry). */
export const communicationReplyFieldsSchema = z.object({
  /** The `communication` entry this answers (same incident); that entry stays as it was (append-only). */
  communicationId: uuidV7Schema,
  /** The reply as given (HICS 213 "reply"). */
  text: z.string().trim().min(1, 'Write the reply first').max(LIMITS.note, `The reply is limited to ${LIMITS.note.toLocaleString('en')} characters`),
  /** Who replied: by default the message's recipient. */
  from: z.string().trim().min(1, 'Say who replied').max(LIMITS.shortText, `Who replied is limited to ${LIMITS.shortText} characters`),
  /** When the reply came, which may be earlier than when it was written down. */
  repliedAt: zonedTimeSchema,
  /** What was done about the reply; absent: nothing recorded. */
  actionTaken: z.string().trim().max(LIMITS.note, `Action taken is limited to ${LIMITS.note.toLocaleString('en')} characters`).optional(),
});
export type CommunicationReplyFields = z.infer<typeof communicationReplyFieldsSchema>;
