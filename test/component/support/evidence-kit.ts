// What the evidence component tests share: object URLs for thumbnails, handled-at times relative to now, unwrapping results.
import { afterEach, beforeEach, vi } from 'vitest';

/** jsdom has no object URLs; the attachment thumbnails ask for them. Call at the top of a test file. */
export function stubObjectUrls(): void {
  beforeEach(() => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:thumb');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());
}

const MIN = 60_000;

/** A handled-at `minutesAgo` before now (whole minutes, as the form's input holds them), in this computer's zone. */
export function ago(minutesAgo: number) {
  const ms = Math.floor((Date.now() - minutesAgo * MIN) / MIN) * MIN;
  return { ms, time: { utc: new Date(ms).toISOString(), offsetMinutes: -new Date(ms).getTimezoneOffset() } };
}

export function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
