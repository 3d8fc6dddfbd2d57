// Test helper: changes recorded by laptops whose clocks disagree, stamped as the HLC would stamp them after syncing.
import type { Impact, SlaChange, Status } from '../../../../../shared/domain';
import { stamp } from '../fixtures';

export const MIN = 60_000;
export const H = 60 * MIN;
/** 10:00 UTC, the incident's creation on a laptop with a correct clock. */
export const T0 = Date.parse('2026-11-23T10:00:00Z');

/**
 * Every laptop synced before acting: its HLC is past every stamp it has seen, whatever its own clock says, so the
 * stamps follow the real order of the changes while the recorded times carry each laptop's skew.
 */
export class Desk {
  private wall = 0;
  private counter = 0;
  readonly changes: SlaChange[] = [];

  /** A change made at real minute `minute` (from T0) on a laptop whose clock is `skewMinutes` off. */
  private record(node: string, skewMinutes: number, minute: number, rest: Omit<SlaChange, 'atMs' | 'hlc'>): this {
    const atMs = T0 + (minute + skewMinutes) * MIN;
    if (atMs > this.wall) {
      this.wall = atMs;
      this.counter = 0;
    } else this.counter++;
    this.changes.push({ atMs, hlc: stamp(this.wall, this.counter, node), ...rest });
    return this;
  }

  status(node: string, skewMinutes: number, minute: number, to: Status | null, yields = false): this {
    return this.record(node, skewMinutes, minute, yields ? { to, yields } : { to });
  }

  levels(node: string, skewMinutes: number, minute: number, from: readonly [Impact, Impact], to: readonly [Impact, Impact]): this {
    return this.record(node, skewMinutes, minute, { levels: { impact: [from[0], to[0]], urgency: [from[1], to[1]] } });
  }
}
