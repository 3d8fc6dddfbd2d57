// Hybrid logical clock: ordering stamps that stay monotonic under clock jumps and never refuse on skew.
//
// A stamp is a string that sorts lexically in causal order: 15-digit wall milliseconds, a 4-hex-digit
// counter and the node (device) id as tie-break, e.g. "001764160000000-0000-<deviceId>".

export interface HlcState {
  /** Highest wall time (ms since epoch) this clock has used. */
  readonly wallMs: number;
  /** Logical counter for events within the same wall millisecond. */
  readonly counter: number;
  /** The device id, the final tie-break between equal (wall, counter). */
  readonly node: string;
}

export interface HlcStamp {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

const WALL_DIGITS = 15;
const WALL_FORMAT_MAX = 10 ** WALL_DIGITS - 1;
export const HLC_COUNTER_MAX = 0xffff;
const COUNTER_MAX = HLC_COUNTER_MAX;
/** Node ids end up in stamps (max 200 characters in the schemas) and must stay one printable line. */
const NODE_MAX_LENGTH = 100;
// eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
const NODE_FORBIDDEN = /[\u0000-\u001f\u007f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- the node part accepts exactly what formatHlc can produce
const STAMP_PATTERN = /^(\d{15})-([0-9a-f]{4})-([^\u0000-\u001f\u007f\u2028\u2029]{1,100})$/;

/**
 * Physical times above 9999-12-31 are a broken clock, not information; they are ignored like NaN.
 * Remote walls are clamped to it. This keeps every wall far below the 15-digit format limit, so the
 * counter-overflow borrow can never run out of room and formatting never throws.
 */
export const HLC_MAX_WALL_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function isValidHlcNode(node: string): boolean {
  return typeof node === 'string' && node.length > 0 && node.length <= NODE_MAX_LENGTH && !NODE_FORBIDDEN.test(node);
}

export function createHlc(node: string, wallMs = 0): HlcState {
  if (!isValidHlcNode(node)) {
    throw new Error(`An HLC node id must be 1–${NODE_MAX_LENGTH} characters on one line without control characters`);
  }
  return { wallMs: sanitizeWall(wallMs), counter: 0, node };
}

/** Advances the clock for a local event (or a send) and returns the new state and its stamp. */
export function tickHlc(state: HlcState, physicalNowMs: number): { state: HlcState; stamp: string } {
  const now = sanitizeWall(physicalNowMs);
  const current = sanitizeState(state);
  // If the OS clock jumped backwards we keep our higher wall time and count up instead.
  let wallMs = Math.max(current.wallMs, now);
  let counter = wallMs === current.wallMs ? current.counter + 1 : 0;
  if (counter > COUNTER_MAX) {
    // Counter exhausted in one millisecond: borrow the next millisecond rather than failing.
    wallMs += 1;
    counter = 0;
  }
  const next = { wallMs, counter, node: current.node };
  return { state: next, stamp: formatHlc(next) };
}

export interface ReceiveResult {
  state: HlcState;
  /** remote wall − local physical time, in ms; positive when the sender's clock is ahead. Reported, never refused. */
  skewMs: number;
}

/**
 * Merges a stamp seen from another device into the local clock so later local stamps sort after it.
 * `maxForwardMs` caps how far a future-dated remote stamp may drag our clock ahead of our own physical
 * time; beyond it we still accept the data but do not adopt the remote wall time.
 */
export function receiveHlc(state: HlcState, remote: string, physicalNowMs: number, maxForwardMs = Number.POSITIVE_INFINITY): ReceiveResult {
  const now = sanitizeWall(physicalNowMs);
  const current = sanitizeState(state);
  const parsed = parseHlc(remote);
  const skewMs = parsed.wallMs - now;
  // NaN or a negative cap is a configuration slip; read it as "adopt nothing ahead of our own clock".
  const cap = maxForwardMs >= 0 ? maxForwardMs : 0;
  const remoteWall = Math.min(parsed.wallMs, now + cap, HLC_MAX_WALL_MS);
  const remoteCounter = remoteWall === parsed.wallMs ? parsed.counter : 0;
  const wallMs = Math.max(current.wallMs, remoteWall, now);
  let counter: number;
  if (wallMs === current.wallMs && wallMs === remoteWall) counter = Math.max(current.counter, remoteCounter) + 1;
  else if (wallMs === current.wallMs) counter = current.counter + 1;
  else if (wallMs === remoteWall) counter = remoteCounter + 1;
  else counter = 0;
  let finalWall = wallMs;
  if (counter > COUNTER_MAX) {
    finalWall += 1;
    counter = 0;
  }
  return { state: { wallMs: finalWall, counter, node: current.node }, skewMs };
}

export function formatHlc(stamp: HlcStamp): string {
  if (!Number.isSafeInteger(stamp.wallMs) || stamp.wallMs < 0 || stamp.wallMs > WALL_FORMAT_MAX) {
    throw new Error(`HLC wall time out of range: ${stamp.wallMs}`);
  }
  if (!Number.isInteger(stamp.counter) || stamp.counter < 0 || stamp.counter > COUNTER_MAX) {
    throw new Error(`HLC counter out of range: ${stamp.counter}`);
  }
  if (!isValidHlcNode(stamp.node)) throw new Error('HLC node id must be a non-empty single line without control characters');
  return `${String(stamp.wallMs).padStart(WALL_DIGITS, '0')}-${stamp.counter.toString(16).padStart(4, '0')}-${stamp.node}`;
}

export function parseHlc(value: string): HlcStamp {
  const match = typeof value === 'string' ? STAMP_PATTERN.exec(value) : null;
  if (!match) throw new Error(`Not an HLC stamp: "${String(value).slice(0, 80)}"`);
  return { wallMs: Number(match[1]), counter: parseInt(match[2]!, 16), node: match[3]! };
}

export function isHlcStamp(value: string): boolean {
  return typeof value === 'string' && STAMP_PATTERN.test(value);
}

/** Orders two stamps: negative when a is earlier. Lexical order equals causal order by construction. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sanitizeWall(ms: number): number {
  // A broken clock (NaN, negative, absurdly far ahead) must not poison the stamp; treat it as "no information".
  return Number.isFinite(ms) && ms > 0 && ms <= HLC_MAX_WALL_MS ? Math.floor(ms) : 0;
}

/** A state read back from storage may be damaged; repair what can be repaired instead of throwing later. */
function sanitizeState(state: HlcState): HlcState {
  const wallMs = Number.isSafeInteger(state.wallMs) && state.wallMs >= 0 ? Math.min(state.wallMs, WALL_FORMAT_MAX) : 0;
  const counter = Number.isInteger(state.counter) && state.counter >= 0 ? state.counter : 0;
  return wallMs === state.wallMs && counter === state.counter ? state : { wallMs, counter, node: state.node };
}
