// Per-route access rules (who may call it, whether Lantern-Protocol is required), kept in Fastify's route config.
import type { DeviceRecord } from '../store/types';

export type Caller = 'admin' | 'device' | 'device-or-admin' | 'anyone';

export interface RouteAccess {
  readonly caller: Caller;
  /** required: device endpoints; optional: checked when sent (admin tools, scripts); none: status page, CORS preflight. */
  readonly protocol: 'required' | 'optional' | 'none';
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

export const access = (caller: Caller, protocol: RouteAccess['protocol']): { config: { access: RouteAccess } } => ({ config: { access: { caller, protocol } } });
