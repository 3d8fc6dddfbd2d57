// Enrollment: a device trades a one-time code for its own device token (POST /v1/enroll).
import { z } from 'zod';
import { deviceIdSchema, serverTimeSchema, storableNameSchema } from './common';

/** Codes are shown as groups like "K7QM-2X9P-HT4C-M8WB"; HQ ignores case, spaces and dashes. */
export const enrollRequestSchema = z.strictObject({
  code: z.string().trim().min(8).max(64),
  deviceId: deviceIdSchema,
  deviceName: storableNameSchema(120),
  protocolVersion: z.number().int().min(1),
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const enrollResponseSchema = z.object({
  /** Secret: send as `Authorization: Bearer <deviceToken>`; HQ keeps only its SHA-256. */
  deviceToken: z.string().min(32),
  deviceId: deviceIdSchema,
  hqId: z.string(),
  epoch: z.string(),
  serverTime: serverTimeSchema,
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;
