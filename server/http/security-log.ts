// HQ's operator log: one line per security event, with device ids and names, never a token or an enrollment code.
import type { Clock } from './context';
import { normalizeOrigin } from './cors';

/** Refused tokens from one address are logged once per this period, with a count of the ones not logged. */
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
    const now = this.clock.now();
    const seen = this.refusals.get(source);
    if (seen && now - seen.at < REFUSAL_LOG_PERIOD_MS && now >= seen.at) {
      seen.unlogged++;
      return;
    }
    const more = seen?.unlogged ? ` (${seen.unlogged} more from this address since ${new Date(seen.at).toISOString()} were not logged)` : '';
    this.refusals.delete(source);
    if (this.refusals.size >= MAX_SOURCES) this.refusals.delete(this.refusals.keys().next().value!);
    this.refusals.set(source, { at: now, unlogged: 0 });
    this.event(`Refused a request from ${source}: ${what}${more}.`);
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
