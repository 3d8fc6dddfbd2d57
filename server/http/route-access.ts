// Per-route access rules (who may call it, whether Lantern-Protocol is required), kept in Fastify's route config.
import type { DeviceRecord } from '../store/types';

/** 'public-or-admin': anyone without an Authorization header; with one, it must be the admin token (the status page). */
export type Caller = 'admin' | 'device' | 'device-or-admin' | 'anyone' | 'public-or-admin';

export interface RouteAccess {
  readonly caller: Caller;
  /** required: device endpoints; optional: checked when sent (admin tools, scripts); none: status page, CORS preflight. */
  readonly protocol: 'required' | 'optional' | 'none';
  /**
   * The rate-limit bucket family of callers without a verified token (per address). Enrollment has its own, so a
   * flood of made-up tokens from an address (or from behind the same proxy) cannot block enrolling there.
   */
  readonly bucket?: 'ip' | 'enroll';
}

/** A device's `tokenHash` is the token it was let in with: checked again once the body is in, and inside its writes. */
export type HqAuth = { readonly kind: 'admin' } | { readonly kind: 'device'; readonly device: DeviceRecord; readonly tokenHash: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    hqAuth: HqAuth | null;
  }
}

export const access = (caller: Caller, protocol: RouteAccess['protocol'], bucket: RouteAccess['bucket'] = 'ip'): { config: { access: RouteAccess } } => ({
  config: { access: { caller, protocol, bucket } },
});
