// HQ's operator log: one line per security event, with device ids and names, never a token or an enrollment code.
import type { DeviceRecord } from '../store/types';
import type { Clock } from './context';
import { normalizeOrigin } from './cors';

/** Repeated refusals of one kind (per address or device) are logged once per this period, with a count of the ones not logged. */
export const REFUSAL_LOG_PERIOD_MS = 60_000;
/** Addresses remembered for the rate limit of refusal lines (beyond it the oldest are forgotten). */
const MAX_SOURCES = 10_000;

export class SecurityLog {
  private readonly refusals = new Map<string, { at: number; unlogged: number }>();
  private readonly refusedOrigins = new Set<string>();
  private readonly onceKeys = new Set<string>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly clock: Clock,
  ) {}

  event(message: string): void {
    this.write(`${new Date(this.clock.now()).toISOString()} ${message}`);
  }

  /** A request with a token HQ does not know (or none): logged once a minute per address, so a flood is one line. */
  refusedToken(source: string, what: string): void {
    this.throttled(`token ${source}`, `Refused a request from ${source}: ${what}`, 'from this address');
  }

  /** A revoked device still calling (its sync keeps retrying): once a minute per device. */
  revokedDevice(source: string, device: DeviceRecord): void {
    const when = device.revokedAt !== null ? ` (revoked ${new Date(device.revokedAt).toISOString()})` : '';
    this.throttled(
      `revoked ${device.id}`,
      `Refused revoked device ${device.id} (${JSON.stringify(device.name)}) from ${source}: it keeps trying to sync${when}. Issue a re-enrollment code for it if it should sync again`,
      'from this device',
    );
  }

  /** A valid token on the wrong kind of endpoint (a device token on the admin API, the admin token on a device endpoint). */
  wrongKindOfToken(source: string, route: string, device: DeviceRecord | null): void {
    const message = device
      ? `Refused device ${device.id} (${JSON.stringify(device.name)}) on an admin endpoint (${route}) from ${source}: a device token cannot use the admin API`
      : `Refused the admin token on a device endpoint (${route}) from ${source}: only enrolled devices sync; check which token this tool or script sends`;
    this.throttled(`wrong-kind ${device ? `device ${device.id}` : 'admin'} ${source}`, message, 'like it');
  }

  /** An enrollment refused (wrong, used or expired code; a code for another device): once a minute per address. */
  refusedEnrollment(source: string, deviceId: string, why: string): void {
    this.throttled(`enroll ${source}`, `Refused an enrollment from ${source} for device id ${JSON.stringify(deviceId)}: ${why}`, 'from this address');
  }

  /** A 429 answer: once a minute per bucket, so a flood is one line. */
  rateLimited(source: string, bucket: string): void {
    this.throttled(`429 ${bucket} ${source}`, `Rate limit reached for ${bucket} from ${source}: answered 429 (wait and retry)`, 'like it');
  }

  /** Logs `message` at most once per REFUSAL_LOG_PERIOD_MS per key; the next line counts the ones left out. */
  private throttled(key: string, message: string, scope: string): void {
    const now = this.clock.now();
    const seen = this.refusals.get(key);
    if (seen && now - seen.at < REFUSAL_LOG_PERIOD_MS && now >= seen.at) {
      seen.unlogged++;
      return;
    }
    const more = seen?.unlogged ? ` (${seen.unlogged} more ${scope} since ${new Date(seen.at).toISOString()} were not logged)` : '';
    this.refusals.delete(key);
    if (this.refusals.size >= MAX_SOURCES) this.refusals.delete(this.refusals.keys().next().value!);
    this.refusals.set(key, { at: now, unlogged: 0 });
    this.event(`${message}${more}.`);
  }

  /** Logs `message` the first time `key` is seen (per process; at most a bounded number of keys). */
  once(key: string, message: string): void {
    if (this.onceKeys.has(key) || this.onceKeys.size >= MAX_SOURCES) return;
    this.onceKeys.add(key);
    this.event(message);
  }

  /** A browser page at an origin HQ was not started to allow: said once per origin, with the fix. */
  refusedOrigin(origin: string): void {
    if (this.refusedOrigins.has(origin) || this.refusedOrigins.size >= 100) return;
    this.refusedOrigins.add(origin);
    // The header is the caller's text: the option is suggested only for a well-formed origin, quoted as it came.
    const fix = normalizeOrigin(origin) === origin ? `; start HQ with --allow-origin ${origin} if it should sync` : '';
    this.event(`A browser page at ${JSON.stringify(origin)} was refused${fix}.`);
  }
}
