// UTC offsets of a time zone over time: a fixed offset, or an IANA zone read through ECMAScript Intl and cached.
//
// Choice (documented for reviewers): business-hours windows are wall-clock times in a zone. For an IANA zone
// we read offsets with the standard `Intl.DateTimeFormat` (pure ECMAScript, available in Node, Electron and
// every browser; no host I/O) and cache the offset transitions per 28-day block, found by sampling every
// 12 hours and bisecting to the second. So DST is exact, and the hot path is a Map lookup plus a short scan.
// Two transitions less than 12 hours apart would be missed; no zone in the tz database has one.

const MINUTE_MS = 60_000;
const SAMPLE_MS = 12 * 3_600_000;
/** Length of one cached block of transitions. */
const BLOCK_MS = 28 * 86_400_000;
const MAX_CACHED_BLOCKS = 4_096;

const FIXED_PATTERN = /^(?:UTC|Z|([+-])(\d{2}):(\d{2}))$/;

/** Minutes east of UTC for "UTC", "Z", "+02:00", "-05:30"; null for anything else. */
export function parseFixedOffset(zone: string): number | null {
  const match = FIXED_PATTERN.exec(zone);
  if (!match) return null;
  if (match[1] === undefined) return 0;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 14 || minutes > 59) return null;
  const total = hours * 60 + minutes;
  if (total > 840) return null;
  return match[1] === '-' ? -total : total;
}

/** True for a fixed offset or an IANA zone name this runtime knows. */
export function isKnownTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  if (parseFixedOffset(zone) !== null) return true;
  if (/^[+-]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface Block {
  /** Offset (ms) in force at the block start. */
  readonly startOffset: number;
  /** Transition instants inside the block, ascending, and the offset (ms) from each on. */
  readonly at: readonly number[];
  readonly offset: readonly number[];
}

/** Offsets of one zone. `span(t)` answers the offset at t and until when it holds, without allocating. */
export class ZoneOffsets {
  /** Offset in ms at the instant of the last `span` call. */
  spanOffset = 0;
  /** First instant after the last `span` call's t at which the offset may change (block end or a transition). */
  spanUntil = 0;
  /** Start of the span found by the last call (its answer holds for any t in [spanFrom, spanUntil)). */
  private spanFrom = 1;
  private readonly fixedMs: number | null;
  private readonly format: Intl.DateTimeFormat | null;
  private readonly blocks = new Map<number, Block>();

  constructor(readonly zone: string) {
    const fixed = parseFixedOffset(zone);
    this.fixedMs = fixed === null ? null : fixed * MINUTE_MS;
    this.format =
      fixed === null
        ? new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            hourCycle: 'h23',
            era: 'short',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          })
        : null;
  }

  get isFixed(): boolean {
    return this.fixedMs !== null;
  }

  /** Sets spanOffset/spanUntil for instant t. */
  span(t: number): void {
    if (this.fixedMs !== null) {
      this.spanOffset = this.fixedMs;
      this.spanUntil = Number.POSITIVE_INFINITY;
      return;
    }
    if (t >= this.spanFrom && t < this.spanUntil) return;
    const index = Math.floor(t / BLOCK_MS);
    const block = this.block(index);
    let offset = block.startOffset;
    let from = index * BLOCK_MS;
    let until = from + BLOCK_MS;
    for (let i = 0; i < block.at.length; i++) {
      const at = block.at[i]!;
      if (at <= t) {
        offset = block.offset[i]!;
        from = at;
      } else {
        until = at;
        break;
      }
    }
    this.spanOffset = offset;
    this.spanFrom = from;
    this.spanUntil = until;
  }

  /** Offset in ms east of UTC at instant t. */
  offsetAt(t: number): number {
    this.span(t);
    return this.spanOffset;
  }

  private block(index: number): Block {
    const cached = this.blocks.get(index);
    if (cached) return cached;
    if (this.blocks.size >= MAX_CACHED_BLOCKS) this.blocks.clear();
    const start = index * BLOCK_MS;
    const end = start + BLOCK_MS;
    const startOffset = this.readOffset(start);
    const at: number[] = [];
    const offset: number[] = [];
    let previousTime = start;
    let previousOffset = startOffset;
    for (let t = start + SAMPLE_MS; ; t += SAMPLE_MS) {
      const sampleTime = Math.min(t, end - 1000);
      const sampled = this.readOffset(sampleTime);
      if (sampled !== previousOffset) {
        // Bisect (to the second) for the first instant with the new offset.
        let lo = previousTime;
        let hi = sampleTime;
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (this.readOffset(mid) === previousOffset) lo = mid;
          else hi = mid;
        }
        at.push(hi);
        offset.push(sampled);
        previousOffset = sampled;
      }
      previousTime = sampleTime;
      if (sampleTime >= end - 1000) break;
    }
    const block: Block = { startOffset, at, offset };
    this.blocks.set(index, block);
    return block;
  }

  /** Reads the offset (ms) at instant t from Intl: wall time as if UTC minus the instant (to the second). */
  private readOffset(t: number): number {
    const seconds = Math.floor(t / 1000) * 1000;
    const parts = this.format!.formatToParts(seconds);
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let bc = false;
    for (const part of parts) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          hour = Number(part.value) % 24;
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
        case 'era':
          bc = part.value.startsWith('B');
          break;
        default:
          break;
      }
    }
    const wall = new Date(0);
    wall.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
    wall.setUTCHours(hour, minute, second, 0);
    return wall.getTime() - seconds;
  }
}

const zones = new Map<string, ZoneOffsets>();

/** The shared, cached offsets of a zone (throws a RangeError for an unknown zone). */
export function zoneOffsets(zone: string): ZoneOffsets {
  let found = zones.get(zone);
  if (!found) {
    if (!isKnownTimeZone(zone)) throw new RangeError(`Unknown time zone "${String(zone).slice(0, 64)}"`);
    found = new ZoneOffsets(zone);
    zones.set(zone, found);
  }
  return found;
}
