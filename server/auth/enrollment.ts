// Enrollment codes: issuing one (shown once; HQ stores its hash) and the rule for what redeeming one may do.
import type { HqStore, RedeemOutcome } from '../store/types';
import { hashEnrollmentCode, newEnrollmentCode } from './secrets';

export const DEFAULT_ENROLLMENT_TTL_HOURS = 72;

export interface EnrollmentRequest {
  /** Who the code is for, e.g. "Laptop 7". */
  readonly name: string;
  /** A re-enrollment code: only this existing device may redeem it. Absent: a code for a new device. */
  readonly deviceId?: string;
  readonly ttlHours?: number;
}

export interface IssuedEnrollment {
  readonly code: string;
  readonly name: string;
  readonly deviceId?: string;
  readonly expiresAt: string;
}

/** A re-enrollment code was asked for a device id HQ has never enrolled. */
export class UnknownDeviceError extends Error {
  constructor(readonly deviceId: string) {
    super(`HQ has no device with the id "${deviceId}". Check the id (GET /v1/admin/devices lists them), or leave out the device to issue a code for a new device.`);
    this.name = 'UnknownDeviceError';
  }
}

export async function issueEnrollmentCode(store: HqStore, request: EnrollmentRequest, now: number): Promise<IssuedEnrollment> {
  if (request.deviceId !== undefined && !(await store.device(request.deviceId))) throw new UnknownDeviceError(request.deviceId);
  const code = newEnrollmentCode();
  const expiresAt = now + (request.ttlHours ?? DEFAULT_ENROLLMENT_TTL_HOURS) * 3_600_000;
  await store.createEnrollment({ codeHash: hashEnrollmentCode(code), name: request.name, createdAt: now, expiresAt, forDeviceId: request.deviceId ?? null });
  return { code, name: request.name, ...(request.deviceId !== undefined ? { deviceId: request.deviceId } : {}), expiresAt: new Date(expiresAt).toISOString() };
}

export type RedeemDecision = 'insert' | 'rebind' | 'reinstate' | Exclude<RedeemOutcome, 'enrolled' | 'rebound' | 'reinstated' | 'invalid-code'>;

/**
 * What a valid, unused code may do. Device ids are not secret, so a code for a new device must never take over a
 * known id (that would lock the real device out); only a code the admin issued for that very device re-enrolls it,
 * and that also reinstates a revoked device (an explicit admin decision). Both stores apply exactly this rule.
 */
export function decideRedemption(forDeviceId: string | null, deviceId: string, known: { readonly revokedAt: number | null } | null): RedeemDecision {
  if (forDeviceId !== null && forDeviceId !== deviceId) return 'code-for-other-device';
  if (!known) return 'insert';
  if (forDeviceId === null) return known.revokedAt === null ? 'device-exists' : 'device-revoked';
  return known.revokedAt === null ? 'rebind' : 'reinstate';
}

export const OUTCOME_OF: Record<'insert' | 'rebind' | 'reinstate', RedeemOutcome> = { insert: 'enrolled', rebind: 'rebound', reinstate: 'reinstated' };
