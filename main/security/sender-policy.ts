// Decides whether an IPC message comes from our own page: the top frame, on an allowed origin.
import { originOf } from './origin';

/** The parts of Electron's WebFrameMain the check needs. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

export interface SenderPolicy {
  /** e.g. `['app://lantern']`, plus the dev server origin in development. */
  readonly allowedOrigins: readonly string[];
}

export type SenderVerdict =
  | { readonly trusted: true }
  | { readonly trusted: false; readonly reason: 'no-frame' | 'sub-frame' | 'foreign-origin' };

/** `readFrame` may throw: Electron throws when the frame was disposed, which counts as untrusted. */
export function checkSender(readFrame: () => FrameLike | null | undefined, policy: SenderPolicy): SenderVerdict {
  let frame: FrameLike | null | undefined;
  let url: unknown;
  let parent: unknown;
  try {
    frame = readFrame();
    if (frame) {
      url = frame.url;
      parent = frame.parent;
    }
  } catch {
    return { trusted: false, reason: 'no-frame' };
  }
  if (!frame) return { trusted: false, reason: 'no-frame' };
  if (parent !== null) return { trusted: false, reason: 'sub-frame' };
  const origin = originOf(url);
  if (origin === null || !policy.allowedOrigins.includes(origin)) return { trusted: false, reason: 'foreign-origin' };
  return { trusted: true };
}
